"""Independent checks of every output of tests/hostile/outputs.sh.

Usage: check_outputs.py DIR [--no-openpyxl]
DIR holds one directory per run: the files the run wrote (stdout saved as
out.md / out.json, workbooks, report directories), its stderr in `err` and
its exit status in `status`. Every run was given a VALID input, so:
  - it exited 0, and its stderr holds only warnings "file: avertissement :
    …", each kind at most once per output;
  - every output is UTF-8 (strict decoder: no stray byte, no surrogate, no
    overlong form) and carries no character an output must not (C0 controls
    other than tab and newlines, DEL, C1 controls, Unicode non-characters);
  - JSON parses (python json, NaN and Infinity refused);
  - Markdown has no raw HTML element from the data ("<script", "<b>", "<i>")
    and every Mermaid block holds only chart statements;
  - every part of every workbook is well-formed XML (expat, through
    xml.etree), every number cell and numeric attribute is a finite number
    written with '.', no text cell is over 32,767 UTF-16 units, no formula
    holds a function taken from the data; openpyxl opens the workbook;
  - a cut cell ("… [texte tronqué]") comes with a warning about cut texts,
    and that warning with a cut cell; a replaced character (U+FFFD, which no
    generated input holds) with a warning about replaced characters, and
    that warning with one.
Prints one line per failure and a count; exits 1 on any failure.
"""
import json
import math
import os
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_html  # noqa: E402

CUT_MARK = "… [texte tronqué]"
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
failures = []


def fail(run, msg):
    failures.append(f"{run}: {msg}")


def bad_char(cp):
    return ((cp < 0x20 and cp not in (9, 10, 13)) or 0x7F <= cp <= 0x9F or
            0xFDD0 <= cp <= 0xFDEF or (cp & 0xFFFE) == 0xFFFE)


def decode(run, name, data):
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        fail(run, f"{name}: pas de l'UTF-8 valide ({e})")
        return None
    for i, ch in enumerate(text):
        if bad_char(ord(ch)):
            fail(run, f"{name}: caractère interdit U+{ord(ch):04X} en position {i}")
            break
    return text


def units(s):
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


def check_json(run, name, text):
    def no_constant(c):
        raise ValueError(f"constante {c}")
    try:
        json.loads(text, parse_constant=no_constant)
    except ValueError as e:
        fail(run, f"{name}: JSON invalide ({e})")


# The init directive (theme and colours: tests/tools/check_mermaid.py reads
# it as JSON) holds no label from the data: only keys, numbers and colours.
MERMAID_LINE = re.compile(r'^(%%\{init: \{[-a-zA-Z0-9"#:,. {}]*\}\}%%|xychart-beta|pie title [^"\n]*|'
                          r'    title "[^"\n]*"|    x-axis \[.*\]|    y-axis "[^"\n]*"|'
                          r'    (?:line|bar) \[[-0-9., ]*\]|    "[^"\n]*" : [0-9.e+-]+)$')


def check_md(run, name, text):
    # "\<script" is an escaped, literal "<" in CommonMark: only a bare one is markup.
    for tag in ("<script", "<b>", "<i>", "<img"):
        if re.search(r"(?<!\\)" + re.escape(tag), text):
            fail(run, f"{name}: balise « {tag} » venue des données")
    block = None
    for n, line in enumerate(text.split("\n"), 1):
        if block is None and line == "```mermaid":
            block = n
        elif block is not None and line == "```":
            block = None
        elif block is not None and not MERMAID_LINE.match(line):
            fail(run, f"{name}:{n}: ligne inattendue dans un bloc Mermaid : {line[:80]!r}")
    if block is not None:
        fail(run, f"{name}: bloc Mermaid ouvert ligne {block} jamais fermé")


def finite_number(s):
    if "," in s or s.strip() != s:
        return False
    try:
        return math.isfinite(float(s))
    except ValueError:
        return False


NUMERIC_ATTRS = {"ht", "width", "defaultRowHeight", "left", "right", "top", "bottom", "header", "footer",
                 "defaultColWidth", "baseColWidth"}


def check_xlsx(run, name, data, use_openpyxl):
    """Returns the number of cut cells, or None when unreadable."""
    cuts = 0
    import io
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as e:
        fail(run, f"{name}: pas une archive ({e})")
        return None
    strings = []
    for member in z.namelist():
        if not (member.endswith(".xml") or member.endswith(".rels")):
            continue
        raw = z.read(member)
        if decode(run, f"{name}!{member}", raw) is None:
            continue
        try:
            root = ET.fromstring(raw)
        except ET.ParseError as e:
            fail(run, f"{name}!{member}: XML mal formé ({e})")
            continue
        for el in root.iter():
            for a, v in el.attrib.items():
                if a in NUMERIC_ATTRS and not finite_number(v):
                    fail(run, f"{name}!{member}: attribut {a}=\"{v}\" n'est pas un nombre fini")
        if member == "xl/sharedStrings.xml":
            for si in root.iter(NS + "si"):
                strings.append("".join(t.text or "" for t in si.iter(NS + "t")))
        if member.startswith("xl/worksheets/"):
            # a workbook written row after row has its text inline in the cells
            for is_ in root.iter(NS + "is"):
                strings.append("".join(t.text or "" for t in is_.iter(NS + "t")))
            for c in root.iter(NS + "c"):
                t = c.get("t", "n")
                v = c.find(NS + "v")
                f = c.find(NS + "f")
                if f is not None and f.text and re.search(r"HYPERLINK|WEBSERVICE|CALL\(|EXEC", f.text):
                    fail(run, f"{name}!{member} {c.get('r')}: formule venue des données : {f.text[:80]}")
                if t == "n" and v is not None and not finite_number(v.text or ""):
                    fail(run, f"{name}!{member} {c.get('r')}: nombre « {v.text} » non fini ou mal écrit")
    for s in strings:
        # OOXML's _xHHHH_ escapes are decoded by readers: count the text read.
        shown = re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), s)
        if units(shown) > 32767:
            fail(run, f"{name}: texte de {units(shown)} caractères dans une cellule (plus de 32 767)")
        if s.endswith(CUT_MARK):
            cuts += 1
    if use_openpyxl:
        import openpyxl
        try:
            wb = openpyxl.load_workbook(io.BytesIO(data))
        except Exception as e:  # any refusal is the failure being looked for
            fail(run, f"{name}: openpyxl refuse le classeur ({type(e).__name__}: {e})")
            return cuts
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and units(cell.value) > 32767:
                        fail(run, f"{name}: cellule {ws.title}!{cell.coordinate} de plus de 32 767 caractères")
                    if isinstance(cell.value, float) and not math.isfinite(cell.value):
                        fail(run, f"{name}: cellule {ws.title}!{cell.coordinate} non finie")
    return cuts


def check_run(run_dir, use_openpyxl):
    run = os.path.basename(run_dir)
    status = open(os.path.join(run_dir, "status")).read().strip()
    err = open(os.path.join(run_dir, "err"), "rb").read()
    if status != "0":
        fail(run, f"statut {status} pour une entrée valide : {err[:300]!r}")
    # stderr is not an output format: it names files as given, bytes and all
    # (a Latin-1 name stays Latin-1 there); only its lines are checked.
    err_text = err.decode("utf-8", "surrogateescape")
    warned_cut = warned_replaced = False
    seen = set()
    for line in err_text.splitlines():
        m = re.match(r"^(.*?): avertissement : (.*)$", line)
        if not m:
            fail(run, f"stderr : ligne qui n'est pas un avertissement : {line[:120]!r}")
            continue
        kind = "coupe" if "coupé" in m.group(2) else "remplace" if "remplacé" in m.group(2) else "autre"
        where = re.search(r" dans (le \w+)", m.group(2))
        key = (m.group(1), kind, where.group(1) if where else "")
        if key in seen:
            fail(run, f"stderr : avertissement répété : {line[:120]!r}")
        seen.add(key)
        warned_cut |= kind == "coupe"
        warned_replaced |= kind == "remplace"
    cuts = replaced = 0
    for base, _, names in os.walk(run_dir):
        for n in names:
            if n in ("err", "status", "cmd"):
                continue
            path = os.path.join(base, n)
            rel = os.path.relpath(path, run_dir)
            data = open(path, "rb").read()
            if n.endswith(".xlsx"):
                c = check_xlsx(run, rel, data, use_openpyxl)
                cuts += c or 0
                with zipfile.ZipFile(path) as z:
                    replaced += sum(z.read(m).decode("utf-8", "replace").count("\ufffd")
                                    for m in z.namelist() if m.endswith(".xml"))
                continue
            text = decode(run, rel, data)
            if text is None:
                continue
            replaced += text.count("\ufffd")
            if n.endswith(".json") and n != "out.txt":
                check_json(run, rel, text)
            elif n.endswith(".md"):
                check_md(run, rel, text)
            elif n.endswith(".html"):
                for p in check_html.problems(text):
                    fail(run, f"{rel}: {p}")
    if cuts and not warned_cut:
        fail(run, f"{cuts} cellule(s) coupée(s) sans avertissement")
    if warned_cut and not cuts:
        fail(run, "avertissement de texte coupé sans cellule coupée")
    if replaced and not warned_replaced:
        fail(run, f"{replaced} caractère(s) remplacé(s) sans avertissement")
    if warned_replaced and not replaced:
        fail(run, "avertissement de caractères remplacés sans remplacement visible")
    return cuts, replaced


def main():
    top = sys.argv[1]
    use_openpyxl = "--no-openpyxl" not in sys.argv
    runs = sorted(d for d in os.listdir(top) if os.path.isdir(os.path.join(top, d)))
    total_cuts = total_replaced = 0
    for d in runs:
        c, r = check_run(os.path.join(top, d), use_openpyxl)
        total_cuts += c
        total_replaced += r
    for f in failures:
        print("FAIL", f)
    print(f"check_outputs: {len(runs)} exécutions, {total_cuts} cellules coupées, "
          f"{total_replaced} caractères remplacés, {len(failures)} échec(s)")
    # The generated inputs are built to need both: a run that found neither
    # would mean the generator lost its edge.
    if not total_cuts or not total_replaced:
        print("FAIL aucune cellule coupée ou aucun caractère remplacé : les entrées générées ne testent plus rien")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
