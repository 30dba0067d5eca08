"""Independent checks of the workbooks written by `conciergerie skills`.

Used by the `check` scripts of tests/cli/skills-*: they import this module
(sys.path gets $TOOLS) and call check_checklist() (with gaps= for a project's
workbook, which adds the gaps sheet) or check_role(). Every
check raises AssertionError with a message saying what is wrong.
"""
import re

import openpyxl

import xlsx_formula
import xlsx_print

LEVELS = ["acquis", "en cours", "à acquérir", "sans objet", "porté par un partenaire"]
LIST_SHEET = "Compétences"
SUMMARY_SHEET = "Compétences synthèse"
GAPS_SHEET = "Compétences lacunes"
GAP_HEADERS = ["Phase", "Famille", "Identifiant", "Compétence", "Niveau", "Suite à donner",
               "Acteur du réseau"]
GAP_ACTIONS = ["l'acquérir", "la confier à un acteur du réseau"]
HEADERS = ["Phase", "Famille", "Identifiant", "Compétence", "Niveau", "Porté par", "Commentaire"]


def _print_settings(ws, header_row):
    ps = ws.page_setup
    bad = xlsx_print.check_sheet(ws)
    assert not bad, f"{ws.title}: {bad}"
    assert ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage, \
        f"{ws.title}: fit to page not set"
    # One page wide (1 is the default, omitted from the file), any number tall.
    assert ps.fitToWidth in (None, 1, "1"), f"{ws.title}: fitToWidth {ps.fitToWidth}"
    # as many pages tall as needed, or one when a little more than a page
    assert str(ps.fitToHeight if ps.fitToHeight is not None else 1) in ("0", "1"), \
        f"{ws.title}: fitToHeight {ps.fitToHeight}"
    assert str(ps.paperSize) == "9", f"{ws.title}: paper {ps.paperSize}"
    assert ws.print_title_rows == f"${header_row}:${header_row}", \
        f"{ws.title}: repeated rows {ws.print_title_rows}"
    assert ws.freeze_panes == f"A{header_row + 1}", f"{ws.title}: freeze {ws.freeze_panes}"
    assert (ws.row_dimensions[header_row].height or 0) >= 30, f"{ws.title}: header height"


def _validations(ws):
    return list(ws.data_validations.dataValidation)


def check_checklist(path, n_rows, prefilled=None, carriers=None, cached=None, phases=None,
                    gaps=None, unassessed=0, project=None):
    """The checklist workbook.

    n_rows     competences listed (one row each, from row 5)
    prefilled  {competence id: level} for every non-blank level (None: all blank)
    carriers   {competence id: actor} for the "Porté par" column
    cached     {(phase, family): (acquis, en cours, à acquérir, sans objet, porté,
               non renseigné, total, ratio)} expected cached results of the summary
               rows; the ratio leaves the sans objet ones out of the total
    phases     the phase names expected in column A, in order of appearance
    gaps       a project's workbook: [(phase, family, competence id)] expected in
               the gaps sheet, in order ([] for none); None: no gaps sheet
    unassessed competences not assessed, stated in the gaps sheet's note
    project    the project's name, in the gaps sheet's title
    """
    wb = openpyxl.load_workbook(path)
    # the summary first (its formulas read the grid)
    want_sheets = [SUMMARY_SHEET, LIST_SHEET] + ([GAPS_SHEET] if gaps is not None else [])
    assert wb.sheetnames == want_sheets, wb.sheetnames
    ws = wb[LIST_SHEET]
    assert [c.value for c in ws[4]] == HEADERS, [c.value for c in ws[4]]
    last = 4 + n_rows
    rows = list(ws.iter_rows(min_row=5, max_row=ws.max_row, values_only=True))
    rows = [r for r in rows if any(v is not None for v in r)]
    assert len(rows) == n_rows, f"{len(rows)} competence rows, expected {n_rows}"
    ids = [r[2] for r in rows]
    assert len(set(ids)) == n_rows, "duplicate competence ids"
    assert all(re.fullmatch(r"[a-z]+\.[a-z0-9-]+", i) for i in ids), ids
    if phases is not None:
        seen = []
        for r in rows:
            if not seen or seen[-1] != r[0]:
                seen.append(r[0])
        assert seen == phases, seen
    levels = {r[2]: r[4] for r in rows}
    for cid, lv in levels.items():
        assert lv is None or lv in LEVELS, f"{cid}: level {lv!r}"
    want = prefilled or {}
    got = {k: v for k, v in levels.items() if v is not None}
    assert got == want, f"prefilled levels differ: {sorted(set(got.items()) ^ set(want.items()))}"
    if carriers is not None:
        got = {r[2]: r[5] for r in rows if r[5] is not None}
        assert got == carriers, got
    for r in range(5, last + 1):
        assert ws.cell(r, 4).alignment.wrap_text, f"D{r} not wrapped"
        # Long labels get a row tall enough for their wrapped lines (readers
        # such as LibreOffice do not refit heights on opening).
        if len(ws.cell(r, 4).value) > 100:
            h = ws.row_dimensions[r].height
            assert h is not None and h >= 30, f"row {r}: height {h} for a long label"

    dvs = _validations(ws)
    assert len(dvs) == 1, f"{len(dvs)} data validations"
    dv = dvs[0]
    assert dv.type == "list", dv.type
    assert str(dv.sqref) == f"E5:E{last}", dv.sqref
    expected_list = '"' + ",".join(LEVELS) + '"'
    assert dv.formula1 == expected_list, dv.formula1
    assert len(dv.formula1.encode()) < 200, "drop-down list too close to 255 bytes"

    cfs = [(str(rng.sqref), rule) for rng in ws.conditional_formatting for rule in rng.rules]
    assert len(cfs) == len(LEVELS), f"{len(cfs)} conditional formats"
    for sqref, rule in cfs:
        assert sqref == f"E5:E{last}", sqref
        assert rule.type == "cellIs" and rule.operator == "equal", (rule.type, rule.operator)
        assert rule.dxf is not None and rule.dxf.fill is not None, "rule without colour"
    assert sorted(rule.formula[0] for _, rule in cfs) == sorted(f'"{lv}"' for lv in LEVELS)
    assert ws.column_dimensions["D"].width > 40, ws.column_dimensions["D"].width
    _print_settings(ws, 4)

    s = wb[SUMMARY_SHEET]
    assert [s.cell(4, c).value for c in range(3, 8)] == LEVELS, "summary headers are not the levels"
    rng = f"'{LIST_SHEET}'!$E$5:$E${last}"
    n_summary = 0
    for r in range(5, s.max_row + 1):
        if s.cell(r, 1).value is None:
            continue
        n_summary += 1
        for c in range(3, 8):
            f = s.cell(r, c).value
            assert isinstance(f, str) and f.startswith("=SUMPRODUCT("), f"summary {r},{c}: {f!r}"
            assert rng in f, f"summary {r},{c} does not count the level column: {f}"
            # names are compared with cells, never written into the formula
            assert f.replace("'Compétences'!", "").isascii(), f
            assert "COUNTIF" not in f, f"{f}: a name would be read as a pattern"
        total = s.cell(r, 9).value
        assert total.startswith("=SUMPRODUCT(") or total.startswith("=COUNTA("), total
        assert s.cell(r, 8).value == f"=I{r}-SUM(C{r}:G{r})", s.cell(r, 8).value
        # acquired (C) or carried (G) count 1, in progress (D) 1/2, over the
        # total less the sans objet ones (F)
        assert s.cell(r, 10).value == f"=IF(I{r}-F{r}=0,0,(C{r}+G{r}+D{r}/2)/(I{r}-F{r}))", s.cell(r, 10).value
        assert s.cell(r, 10).number_format == "0%", s.cell(r, 10).number_format
    assert n_summary > 0, "no summary rows"
    _print_settings(s, 4)

    # Each count formula, evaluated on the sheet's own values (xlsx_formula),
    # gives its cached result.
    v = openpyxl.load_workbook(path, data_only=True)[SUMMARY_SHEET]
    for r in range(5, s.max_row + 1):
        if s.cell(r, 1).value is None:
            continue
        for c in (3, 4, 5, 6, 7, 9):
            got = xlsx_formula.count(wb, s, s.cell(r, c).value)
            assert got == v.cell(r, c).value, f"summary {r},{c}: formula gives {got}, cached {v.cell(r, c).value}"
    if cached is not None:
        got = {}
        for r in range(5, v.max_row + 1):
            if v.cell(r, 1).value is None:
                continue
            vals = [v.cell(r, c).value for c in range(3, 11)]
            for x in vals:
                assert isinstance(x, (int, float)), f"cached value {x!r} in row {r} is not a number"
            got[(v.cell(r, 1).value, v.cell(r, 2).value)] = tuple(vals)
        for key, exp in cached.items():
            assert key in got, f"no summary row {key}; rows: {list(got)}"
            g = got[key]
            assert tuple(g[:7]) == tuple(exp[:7]), f"{key}: counts {g[:7]} != {exp[:7]}"
            assert abs(g[7] - exp[7]) < 1e-9, f"{key}: ratio {g[7]} != {exp[7]}"
    if gaps is not None:
        labels = {r[2]: (r[0], r[1], r[3]) for r in rows}
        _check_gaps(wb[GAPS_SHEET], gaps, labels, unassessed, project)
    return wb


def _check_gaps(ws, gaps, labels, unassessed, project):
    """The gaps sheet: one row per competence "à acquérir", its phase, family
    and label as in the checklist, a drop-down for what to do, blank cells to
    fill in, and the same print settings as the other sheets."""
    if project is not None:
        assert ws["A1"].value == f"Compétences à acquérir — {project}", ws["A1"].value
    assert "A2:G2" in [str(m) for m in ws.merged_cells.ranges], ws.merged_cells.ranges
    note = ws["A2"].value
    assert "« à acquérir »" in note and "acteur du réseau" in note, note
    if unassessed > 1:
        assert f" {unassessed} compétences ne sont pas évaluées" in note, note
    elif unassessed == 1:
        assert "Une compétence n'est pas évaluée" in note, note
    else:
        assert "pas évaluée" not in note, note
    # The note wraps over the sheet's width: its row must show every line.
    assert (ws.row_dimensions[2].height or 15) >= 30, ws.row_dimensions[2].height
    assert [c.value for c in ws[4]] == GAP_HEADERS, [c.value for c in ws[4]]
    rows = [r for r in ws.iter_rows(min_row=5, max_col=7, values_only=True)
            if any(v is not None for v in r)]
    if not gaps:
        assert rows == [("Aucune compétence n'est marquée « à acquérir ».",) + (None,) * 6], rows
        assert "A5:G5" in [str(m) for m in ws.merged_cells.ranges], ws.merged_cells.ranges
        assert _validations(ws) == [], "drop-down on an empty gaps sheet"
        _print_settings(ws, 4)
        return
    got = [(r[0], r[1], r[2]) for r in rows]
    assert got == list(gaps), f"gaps {got} != {list(gaps)}"
    for i, r in enumerate(rows):
        phase, family, label = labels[r[2]]
        assert (r[0], r[1], r[3]) == (phase, family, label), f"{r[2]}: {r} differs from the checklist"
        assert r[4] == "à acquérir", r[4]
        assert r[5] is None and r[6] is None, f"{r[2]}: action or actor prefilled {r}"
        row = 5 + i
        assert ws.cell(row, 4).alignment.wrap_text, f"D{row} not wrapped"
        if len(label) > 100:
            h = ws.row_dimensions[row].height
            assert h is not None and h >= 30, f"gaps row {row}: height {h} for a long label"
    last = 4 + len(rows)
    dvs = _validations(ws)
    assert len(dvs) == 1, f"{len(dvs)} data validations"
    assert dvs[0].type == "list" and str(dvs[0].sqref) == f"F5:F{last}", (dvs[0].type, dvs[0].sqref)
    assert dvs[0].formula1 == '"' + ",".join(GAP_ACTIONS) + '"', dvs[0].formula1
    assert ws.auto_filter.ref == f"A4:G{last}", ws.auto_filter.ref
    _print_settings(ws, 4)


def check_role(path, n_qualities, n_tasks):
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Concierge"], wb.sheetnames
    ws = wb["Concierge"]
    assert ws["A1"].value == "Profil du concierge", ws["A1"].value
    assert "A2:E2" in [str(m) for m in ws.merged_cells.ranges], ws.merged_cells.ranges
    assert ws["A2"].value.startswith("Le concierge"), ws["A2"].value
    assert [c.value for c in ws[4]] == ["Rubrique", "Intitulé", "Détail", "Identifiant",
                                        "Retenu pour le poste"]
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True) if r[0] is not None]
    kinds = [r[0] for r in rows]
    assert kinds.count("Qualité") == n_qualities, kinds
    assert kinds.count("Mission") == n_tasks, kinds
    assert all(r[3].startswith("concierge.") for r in rows)
    for r in range(5, 5 + len(rows)):
        if len(ws.cell(r, 3).value) > 120:
            h = ws.row_dimensions[r].height
            assert h is not None and h >= 30, f"row {r}: height {h} for a long detail"
    dvs = _validations(ws)
    assert len(dvs) == 1 and dvs[0].formula1 == '"oui,non"', [d.formula1 for d in dvs]
    assert str(dvs[0].sqref) == f"E5:E{4 + len(rows)}", dvs[0].sqref
    _print_settings(ws, 4)
    return wb
