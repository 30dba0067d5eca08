"""Evaluate the counting formulas the workbooks use, independently of the
program: SUMPRODUCT over products of EXACT(range, cell-or-"text") terms
(with "--" for a single term), added together, and COUNTA(range). Enough to
check that a formula counts what its cached value claims, on the values
openpyxl reads from the sheets."""
import re

_REF = re.compile(r"(?:'(?P<q>[^']+)'|(?P<s>[A-Za-z][\w ]*))!\$(?P<c1>[A-Z]+)\$(?P<r1>\d+):\$(?P<c2>[A-Z]+)\$(?P<r2>\d+)")
_CELL = re.compile(r"\$?(?P<c>[A-Z]+)\$?(?P<r>\d+)")


def _col(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _range(wb, text):
    m = _REF.fullmatch(text)
    assert m, f"not a range: {text}"
    ws = wb[m["q"] or m["s"]]
    assert m["c1"] == m["c2"], f"not one column: {text}"
    c = _col(m["c1"])
    return [ws.cell(r, c).value for r in range(int(m["r1"]), int(m["r2"]) + 1)]


def _value(ws, text):
    if text.startswith('"'):
        assert text.endswith('"') and '"' not in text[1:-1], text
        return text[1:-1]
    m = _CELL.fullmatch(text)
    assert m, f"not a cell: {text}"
    return ws.cell(int(m["r"]), _col(m["c"])).value


def _split(s, sep):
    """Split on `sep` outside parentheses and quotes."""
    out, depth, quoted, cur = [], 0, False, ""
    for ch in s:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "(":
            depth += 1
        elif not quoted and ch == ")":
            depth -= 1
        if ch == sep and depth == 0 and not quoted:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


def count(wb, ws, formula):
    """The value of a counting formula written in sheet `ws`."""
    assert formula.startswith("="), formula
    body = formula[1:]
    if body.startswith("COUNTA(") and body.endswith(")"):
        return sum(1 for v in _range(wb, body[7:-1]) if v is not None and v != "")
    total = 0
    for part in _split(body, "+"):
        assert part.startswith("SUMPRODUCT(") and part.endswith(")"), part
        inner = part[len("SUMPRODUCT("):-1]
        negated = inner.startswith("--")
        if negated:
            inner = inner[2:]
        terms = _split(inner, "*")
        # Spreadsheets add numbers: one EXACT alone gives TRUE/FALSE values,
        # which SUMPRODUCT sums as 0 unless "--" turns them into 1 and 0.
        assert negated == (len(terms) == 1), f"{part}: a lone EXACT needs --, a product does not"
        columns = []
        for term in terms:
            assert term.startswith("EXACT(") and term.endswith(")"), term
            rng, ref = _split(term[6:-1], ",")
            want = _value(ws, ref)
            columns.append([v is not None and str(v) == str(want) for v in _range(wb, rng)])
        total += sum(1 for row in zip(*columns) if all(row))
    return total
