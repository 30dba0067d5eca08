# report -j 1, -j 2 and -j 7 must write the same bytes: every report, the
# portfolio, stdout, stderr and the exit status, in md, json, xlsx and html.
# Inputs: the examples three times over (same names: -2, -3… in input
# order), an invalid file named like a valid one that comes after it (it
# must not take the name), a file that is not YAML, and a report that
# cannot be written (a directory has its name).
mkdir -p in/0 in/a in/b in/c
printf 'version: 1\nprojet: { nom: 3 }\n' > in/0/quartier-test.yaml
printf 'pas du yaml: [\n' > in/b/casse.yml
for d in a b c; do cp "$EX"/*.yaml in/$d/; done
fail=0
for f in md json xlsx html; do
	for j in 1 2 7; do
		mkdir -p out-$f-$j/entreprise-mixte-2.$f
		$CZ report -j $j -f $f in/0 in/a in/b in/c -o out-$f-$j >std-$f-$j.out 2>std-$f-$j.err
		echo $? >std-$f-$j.status
		sed "s/out-$f-$j/OUT/g" std-$f-$j.out >std-$f-$j.o
		sed "s/out-$f-$j/OUT/g" std-$f-$j.err >std-$f-$j.e
	done
	for j in 2 7; do
		for s in o e status; do
			cmp std-$f-1.$s std-$f-$j.$s || fail=1
		done
		(cd out-$f-1 && find . | sort) >list-1
		(cd out-$f-$j && find . | sort) >list-$j
		cmp list-1 list-$j || fail=1
		for p in $(cd out-$f-1 && find . -type f); do
			cmp out-$f-1/$p out-$f-$j/$p || fail=1
		done
	done
	echo "$f : statut $(cat std-$f-1.status), $(ls out-$f-1 | wc -l) entrées"
done
# what -j 1 said, once (the same for every format but the extension)
cat std-md-1.o std-md-1.e
ls out-md-1
# the portfolio in input order
grep -o "](.*\.md)" out-md-1/portefeuille.md
# no temporary file left anywhere
find . -name '*.tmp-*'
echo "identiques : $([ $fail = 0 ] && echo oui || echo non)"
