#!/bin/sh
# Installation test: `make install` into a temporary DESTDIR, then use what
# was installed as a user would (binary, man pages, bash completion), then
# `make uninstall` must leave nothing behind.
# Usage: sh tests/packaging/run.sh (from the top directory; MAKEFLAGS pass BUILD)
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
ko() { echo "FAIL install: $*"; fail=$((fail + 1)); }

make -s -C "$root" install DESTDIR="$dest" PREFIX=/usr >"$dest.log" 2>&1 || { cat "$dest.log"; ko "make install"; }
rm -f "$dest.log"
bin="$dest/usr/bin/conciergerie"

"$bin" --version | grep -q '^conciergerie ' && ok || ko "binaire installé"
"$bin" validate -q "$dest/usr/share/conciergerie/examples/quartier-test.yaml" && ok || ko "exemples installés"

# Every command has its page, and the page documents every option of --help.
for cmd in $("$bin" help | awk '/^Commandes/ {on=1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on=0}'); do
	[ "$cmd" = help ] && continue
	page="$dest/usr/share/man/man1/conciergerie-$cmd.1"
	if [ ! -f "$page" ]; then ko "page de manuel manquante : conciergerie-$cmd(1)"; continue; fi
	for opt in $("$bin" "$cmd" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
		grep -q -- "$(printf '%s' "$opt" | sed 's/-/\\\\-/g')" "$page" || grep -q -- "$opt" "$page" ||
			ko "conciergerie-$cmd(1) ne documente pas $opt"
	done
	ok
done
[ -f "$dest/usr/share/man/man5/conciergerie-format.5" ] && ok || ko "conciergerie-format(5)"
if command -v man >/dev/null 2>&1; then
	MANPATH="$dest/usr/share/man" MANPAGER=cat man conciergerie-validate 2>/dev/null | grep -q 'NOM' && ok ||
		ko "man conciergerie-validate"
else
	echo "note : man absent, lecture des pages non vérifiée"
fi

# Completion, in a bash that sources the installed file.
complete_words() {
	PATH="$dest/usr/bin:$PATH" bash -c '
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_conciergerie; printf "%s\n" "${COMPREPLY[@]}"' sh \
		"$dest/usr/share/bash-completion/completions/conciergerie" "$@"
}
[ "$(complete_words conciergerie vali)" = validate ] && ok || ko "complétion des commandes"
[ "$(complete_words conciergerie init --type ru)" = rural ] && ok || ko "complétion de --type"
[ "$(complete_words conciergerie validate --ref)" = --referentiel ] && ok || ko "complétion des options"
[ "$(complete_words conciergerie diag -f x)" = xlsx ] && ok || ko "complétion des formats"
[ "$(complete_words conciergerie referentiel -f y)" = yaml ] && ok || ko "complétion des formats du référentiel"
(cd "$root/examples" && [ "$(complete_words conciergerie validate quartier)" = quartier-test.yaml ]) && ok ||
	ko "complétion des fichiers *.yaml"
xl=$(mktemp -d)
touch "$xl/fiche.xlsx" "$xl/fiche.yaml"
(cd "$xl" && [ "$(complete_words conciergerie import fi)" = fiche.xlsx ]) && ok || ko "complétion des classeurs pour import"
(cd "$xl" && [ "$(complete_words conciergerie import --into fi)" = fiche.yaml ]) && ok || ko "complétion de --into"
rm -rf "$xl"

make -s -C "$root" uninstall DESTDIR="$dest" PREFIX=/usr >/dev/null 2>&1 || ko "make uninstall"
left=$(find "$dest" -type f | sed "s|^$dest||")
[ -z "$left" ] && ok || ko "fichiers restants après uninstall : $left"

echo "install: $pass passed, $fail failed"
[ $fail = 0 ]
