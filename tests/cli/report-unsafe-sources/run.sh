# Every source of a report's text that may hold what no output may carry,
# each replaced by U+FFFD and counted, as the Markdown check did before it
# learnt to skip the documents whose every source is safe (lib/md.h):
# YAML escapes in the project, raw bytes of the project, the file's name,
# YAML escapes in a --referentiel file; plus a clean project beside them.
Q="$EX/quartier-test.yaml"
cp "$Q" sain.yaml
sed 's/^  nom: .*/  nom: "Tilleuls \\x01 \\e[31m \\uFFFF \\N fin"/' "$Q" >echappements.yaml
# U+FDD0 (a noncharacter) written raw: no backslash, but unsafe bytes
sed "s/^  nom: .*/  nom: \"Tilleuls $(printf '\357\267\220') fin\"/" "$Q" >brut.yaml
# a Latin-1 "é": one byte that is not UTF-8
cp "$Q" "$(printf 'caf\351.yaml')"
# a raw unsafe character in a comment only: nothing to replace
{ printf '# \357\267\220\n'; cat "$Q"; } >commentaire.yaml
$CZ report -q sain.yaml echappements.yaml brut.yaml caf*.yaml commentaire.yaml -o r
echo "report: $?"
sed 's/nom: "Émergence"/nom: "Émer\\x07gence"/' "$T/../../../templates/referentiel.yaml" >ref.yaml
$CZ report -q --referentiel ref.yaml sain.yaml -o r2
echo "report --referentiel: $?"
for f in r/*.md r2/*.md; do
	printf '%s: %s\n' "$f" "$(grep -o "$(printf '\357\277\275')" "$f" | wc -l)"
done | LC_ALL=C sort
for f in r/echappements.md r/brut.md r/caf*.md r2/sain.md; do
	grep -m 2 "$(printf '\357\277\275')" "$f"
done
