#!/usr/bin/python3
"""What every html file the tool writes must be, read by an independent
parser: valid HTML5 for html5lib in strict mode (any parse error fails),
declared French and UTF-8, and self-contained: nothing loaded from
elsewhere (no <link>, <img>, <iframe>, <object>, external script, no src,
no url() other than a reference inside the page, no @import), so the file
works offline, from an e-mail attachment. Links (<a href>) may point to the
sibling reports of a report directory, never to another site.

Usage: check_html.py FILE...   (exit 1 and one line per fault)
As a module: problems(text) -> list of French messages."""
import re
import sys

import html5lib

EXTERNAL_TAGS = {"link", "img", "iframe", "object", "embed", "audio", "video", "source", "base"}


def problems(text):
    out = []
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        doc = parser.parse(text)
    except Exception as e:  # html5lib raises ParseError in strict mode
        pos = parser.errors[0][0] if parser.errors else ("?", "?")
        return [f"HTML invalide ligne {pos[0]} colonne {pos[1]} : {e}"]
    root = doc
    if root.get("lang") != "fr":
        out.append("<html> sans lang=\"fr\"")
    metas = [m for m in root.iter("meta") if (m.get("charset") or "").lower() == "utf-8"]
    if not metas:
        out.append("pas de <meta charset=\"utf-8\">")
    if not root.findtext("head/title"):
        out.append("pas de <title>")
    for el in root.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.split("}")[-1]
        if tag in EXTERNAL_TAGS:
            out.append(f"élément <{tag}> : ressource externe")
        if el.get("src") is not None:
            out.append(f"<{tag} src=…> : ressource externe")
        href = el.get("href") or el.get("{http://www.w3.org/1999/xlink}href")
        if href is not None and tag != "a":
            out.append(f"<{tag} href=…> : ressource externe")
        if tag == "a" and href is not None and re.match(r"^([a-z][a-z0-9+.-]*:|//)", href, re.I):
            out.append(f"lien vers un autre site : {href}")
        style = el.get("style") or ""
        if tag == "style":
            style += el.text or ""
        for u in re.findall(r"url\(\s*['\"]?([^)'\"]*)", style):
            if not u.startswith("#"):
                out.append(f"url({u}) dans une feuille de style")
        if "@import" in style:
            out.append("@import dans une feuille de style")
        for a, v in el.attrib.items():
            if a.startswith("on"):
                out.append(f"attribut {a} : script en ligne dans un élément")
            if isinstance(v, str) and "url(" in v and not re.search(r"url\(#", v):
                out.append(f"attribut {a}={v[:40]} : ressource externe")
    return out


def main():
    bad = 0
    for f in sys.argv[1:]:
        text = open(f, "rb").read().decode("utf-8")
        for p in problems(text):
            print(f"{f}: {p}")
            bad += 1
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
