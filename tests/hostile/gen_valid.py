"""Generate VALID projects that are not ASCII, for tests/hostile/outputs.sh.

Every file written here must load (the loader's limits: 64 KiB a text, which
is 65,536 bytes), so each run on it must exit 0 and write outputs that an
independent reader accepts. The texts are built from one character of each
UTF-8 width ("a", "é", "€", "😀" — the last two UTF-16 units in Excel),
at lengths around each limit the outputs have: Excel's 32,767 characters a
cell (counted in UTF-16 units), the 64 KiB of a text, the old fixed buffers
(160, 256, 512, 1024, 2048 bytes), the 200 bytes of a file name. Other files
carry characters no output may carry as is, written with YAML escapes
(controls, non-characters), text that looks like a formula, a literal
OOXML escape, tiny charges that overflow a ratio, more orders than
requests, and 40 priority offers with accented names. A referential made
hostile but valid goes with them.

Usage: gen_valid.py DIR [REFERENTIAL] — writes DIR/*.yaml and, from the
built-in REFERENTIAL's text, DIR/referentiel-hostile.yaml.ref; prints one line per project: "file expectation...", where the
expectations are "remplace" (a warning about replaced characters is due),
"tronque" (a warning about a cut cell is due, in XLSX).
"""
import os
import sys

CHARS = {"a": "a", "e": "é", "euro": "€", "emoji": "😀"}
MAX_SCALAR = 65536  # bytes (lib/yaml_tree.c)
CELL_UNITS = 32767


def units(s):
    return len(s.encode("utf-16-le")) // 2


def q(s):
    """A YAML double-quoted scalar; s may already hold YAML escapes when
    passed through raw()."""
    if isinstance(s, Raw):
        return '"' + s.text + '"'
    out = []
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif o < 0x20 or o == 0x7F or 0x80 <= o <= 0x9F:
            out.append("\\x%02x" % o)
        elif o in (0xFFFE, 0xFFFF) or 0xFDD0 <= o <= 0xFDEF or (o & 0xFFFE) == 0xFFFE:
            out.append("\\U%08x" % o)
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


class Raw:
    def __init__(self, text):
        self.text = text


def rep(ch, n):
    return ch * n


def window(n):
    """Four lengths about n: with characters of up to 4 bytes, a cut at a
    fixed byte count falls at every position inside a character once."""
    return {n - 2, n - 1, n, n + 1}


def small_lengths():
    """Around the fixed buffers the outputs used to have (bytes)."""
    out = {1, 2, 80}
    for b in (64, 160, 256, 512, 1024, 2048):
        out |= window(b)
    return sorted(out)


def large_lengths(ch):
    """Around Excel's cell limit (in UTF-16 units) and at a text's 64 KiB."""
    w, u = len(ch.encode()), units(ch)
    cands = window(CELL_UNITS // u) | {MAX_SCALAR // w}
    return sorted(n for n in cands if 0 < n * w <= MAX_SCALAR)


def project(name, extra="", phase="test", **kw):
    lines = [
        "version: 1",
        "projet:",
        f"  nom: {q(name)}",
        "  type: quartier",
        f"  phase: {phase}",
    ]
    if kw.get("porteur"):
        lines.append(f"  porteur: {{ nom: {q(kw['porteur'])}, statut: benevole }}")
    if kw.get("territoire"):
        lines.append(f"  territoire: {{ nom: {q(kw['territoire'])}, population: 1200 }}")
    return "\n".join(lines) + "\n" + extra


def big_project(ch):
    """Every text field at one of the lengths, the name at the largest; the
    large lengths only where a text stands alone in its cell (4 MiB a file)."""
    ls = small_lengths()
    big = large_lengths(ch)
    name = rep(ch, big[-1])
    actors, needs, offers, funds, bmc = [], [], [], [], []
    def mk(prefix, n, i):
        """prefix, `ch` repeated, a digit: unique, and never more bytes
        than `ch` n times (so within a text's limit)."""
        return prefix + rep(ch, max(n - 2, 0)) + str(i % 10)

    for i, n in enumerate(ls):
        t = mk("", n, i)
        actors.append(f"  - {{ nom: {q(mk('A', n, i))}, type: prestataire, roles: [prestataire], charte: {'true' if i % 2 else 'false'} }}")
        needs.append(f"  - {{ besoin: {q(mk('B', n, i))}, cible: habitants, demandes: {i + 1}, source: {q(t)} }}")
        offers.append(f"  - {{ service: {q(mk('B', n, i))}, cible: habitants, prix: 10, unite: heure, "
                      f"prioritaire: {'true' if i < 3 else 'false'}, recurrent: true, prestataire: {q(mk('A', n, i))} }}")
        funds.append(f"  - {{ source: {q(mk('F', n, i))}, pilier: soutien_public, nature: subvention, montant: 1000, annee: 2026, acquis: true }}")
        bmc.append(f"    - {q(t)}")
    service = mk("B", ls[0], 0)
    extra = (
        "competences:\n"
        f"  test.tableaux-de-bord: {{ niveau: en_cours, porte_par: {q(mk('A', ls[1], 1))} }}\n"
        "  test.prise-recul: a_acquerir\n"
        "acteurs:\n" + "\n".join(actors) + "\n"
        "besoins:\n" + "\n".join(needs) + "\n"
        "offre:\n" + "\n".join(offers) + "\n"
        "activite:\n"
        f"  - {{ periode: 2026-01, demandes: 10, commandes: 4, clients: 3, recettes: {{ {q(service)}: 100 }}, charges: 250 }}\n"
        "  - { periode: 2026-03, demandes: 12, commandes: 6, clients: 4, recettes: 300, charges: 280, heures_benevoles: 12 }\n"
        "financements:\n" + "\n".join(funds) + "\n"
        "test: { carnet_commandes: 2, charge_travail: 1, satisfaction: { beneficiaires: 4 } }\n"
        "bmc:\n  partenaires:\n" + "\n".join(bmc + [f"    - {q(rep(ch, n))}" for n in big]) + "\n"
        "  couts:\n" + "\n".join(f"    - {{ texte: {q(rep(ch, n))}, type: fixe }}" for n in big[:2]) + "\n"
        "  revenus:\n    - { texte: " + q(rep(ch, big[-2] if len(big) > 1 else big[-1])) + ", pilier: activite }\n"
    )
    return project(name, extra, porteur=rep(ch, big[0]), territoire=rep(ch, ls[-1]))


def main():
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    files = []

    def write(fname, text):
        path = os.path.join(d, fname)
        with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(text)
        files.append(fname)

    for key, ch in CHARS.items():
        write(f"long-{key}.yaml", big_project(ch))
        # A name just under / at / over what a one-cell title can hold
        # once prefixed ("Diagnostic : …"): titles are cut, visibly.
        top = min(CELL_UNITS // units(ch), MAX_SCALAR // len(ch.encode()))
        for n in (top - 20, top):
            write(f"nom-{key}-{n}.yaml", project(rep(ch, n), "bmc:\n  partenaires: [" + q(rep(ch, n)) + "]\n"))
    # The issue's own examples: 250 "é" in a name, 40 accented priority offers.
    offers = "offre:\n" + "".join(
        f"  - {{ service: {q('Épicerie éphémère ' + str(i) + ' ' + 'é' * 30)}, cible: habitants, prix: 5, "
        "unite: prestation, prioritaire: true }\n" for i in range(40))
    write("accents-250.yaml", project("é" * 250, offers + "test: { carnet_commandes: 1 }\n"))
    # What no output may carry as is, by YAML escapes.
    bad = Raw("ctl \\e[31m rouge \\a \\x01 \\x7f \\x85 \\x9b nc \\uFFFE \\uFFFF \\uFDD0 \\U0001FFFE fin")
    write("controles.yaml", project(bad, "besoins:\n  - { besoin: " + q(bad) + ", cible: habitants, demandes: 2 }\n"
                                         "bmc:\n  partenaires: [" + q(bad) + "]\n"
                                         "acteurs:\n  - { nom: " + q(bad) + ", type: commerce }\n",
                                   porteur=bad))
    # Text that reads like markup or a formula, and OOXML's own escape.
    formula = '=HYPERLINK("http://exemple.invalid/", "cliquez") _x0041_ <script>alert(1)</script> | # *'
    write("formules.yaml", project(formula, "bmc:\n  partenaires: [" + q("+1" + formula) + ", " + q("@SUM(A1)") + "]\n"
                                            "besoins:\n  - { besoin: " + q("-2+3") + ", cible: habitants, demandes: 1 }\n",
                                   porteur="=1+1", territoire="\ta\nb"))
    # Charges of 1e-300 €: recettes over charges overflow a double.
    write("charges-infimes.yaml", project("Charges infimes", (
        "activite:\n"
        "  - { periode: 2026-01, demandes: 5, commandes: 9, recettes: 1000000000, charges: 1e-300 }\n"
        "  - { periode: 2026-02, demandes: 4, commandes: 2, recettes: 1000000000, charges: 4.9e-324, km: -0 }\n"
        "  - { periode: 2026-03, demandes: 0, commandes: 0, recettes: 0, charges: -0 }\n"
        "financements:\n"
        "  - { source: x, pilier: activite, nature: don, montant: 1000000000, annee: 2026, acquis: true }\n"
        "test: { charge_travail: -0, carnet_commandes: 1e-300 }\n")))
    # File names near NAME_MAX (255 bytes): report names are cut at 200
    # bytes, on a character, at every alignment.
    for stem in ("é" * 125, "a" + "é" * 124, "€" * 83, "a" + "😀" * 62, "ab" + "😀" * 62):
        write(stem + ".yaml", project("Nom de fichier long"))
    # A file whose name is Latin-1 (0xE9): not UTF-8, it reaches the outputs.
    latin = b"caf\xe9-ch\xe2teau.yaml".decode("utf-8", "surrogateescape")
    write(latin, project("Café du Château"))
    # The built-in referential amended with hostile but valid names: a
    # quote and a formula in a phase name, markup and a line break in a
    # pillar name (Mermaid, HTML), patterns in a family name, controls.
    if len(sys.argv) > 2:
        import yaml
        with open(sys.argv[2], encoding="utf-8") as f:
            ref = yaml.safe_load(f)
        ref["phases"][1]["nom"] = 'Test "=HYPERLINK(""http://x"",""y"")" ' + "é" * 40
        ref["phases"][0]["nom"] = "=1+1 <b>Émergence</b>"
        ref["piliers"][0]["nom"] = "Activité\n```\n<script>alert(1)</script>\n```"
        ref["piliers"][1]["nom"] = 'Soutien "public" ; #quot; <i>'
        ref["familles"][0]["nom"] = "a* <5 =x ~?"
        ref["indicateurs"][0]["nom"] = "Carnet\x1b[2J de \x07commandes \ufffe"
        ref["bmc"]["blocs"][0]["nom"] = "Partenaires\n\n# titre"
        # A source title longer than any fixed buffer, with markup and a
        # control; the verdict rule's explanation over Excel's cell limit.
        ref["sources"][0]["titre"] = "Fiche « " + "é" * 300 + " » <script>`x`|\x07 *gras*"
        ref["regle_verdict"]["origine"] = ref["sources"][0]["id"]
        ref["regle_verdict"]["explication"] = "Règle " + "é" * 20000 + "a" * 15000
        ref["definition"]["resume"] = "Définition\x1b[31m " + "ü" * 2000
        with open(os.path.join(d, "referentiel-hostile.yaml.ref"), "w", encoding="utf-8") as f:
            yaml.safe_dump(ref, f, allow_unicode=True, sort_keys=False, width=1000)
    return files


if __name__ == "__main__":
    main()
