# bash completion for conciergerie                             -*- shell-script -*-
# Commands and options are read from the program's own help, so they stay
# in step with the installed version; enumerations are listed here.
# Self-contained: works with or without the bash-completion package.

_conciergerie_commands()
{
	conciergerie help 2>/dev/null |
		awk '/^Commandes/ {on=1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on=0}'
}

# Files matching *.yaml / *.yml, and directories to descend into.
_conciergerie_yaml()
{
	local IFS=$'\n' f
	COMPREPLY=($(compgen -d -S / -- "$1"))
	for f in $(compgen -f -- "$1"); do
		case $f in *.yaml|*.yml) [[ -f $f ]] && COMPREPLY+=("$f") ;; esac
	done
	compopt -o nospace -o filenames 2>/dev/null
}

# Workbooks (*.xlsx), and directories to descend into.
_conciergerie_xlsx()
{
	local IFS=$'\n' f
	COMPREPLY=($(compgen -d -S / -- "$1"))
	for f in $(compgen -f -- "$1"); do
		case $f in *.xlsx) [[ -f $f ]] && COMPREPLY+=("$f") ;; esac
	done
	compopt -o nospace -o filenames 2>/dev/null
}

_conciergerie()
{
	local cur=${COMP_WORDS[COMP_CWORD]}
	local prev=${COMP_WORDS[COMP_CWORD-1]}
	COMPREPLY=()

	if [[ $COMP_CWORD -eq 1 ]]; then
		COMPREPLY=($(compgen -W "$(_conciergerie_commands) --help --version" -- "$cur"))
		return
	fi
	local cmd=${COMP_WORDS[1]}

	case $prev in
		-f|--format)
			# the formats the command writes, as its help lists them
			local fmts
			fmts=$(conciergerie "$cmd" --help 2>/dev/null |
				grep -oE -- '(-f|--format) [a-z]+(\|[a-z]+)*' | head -n 1 | cut -d' ' -f2 | tr '|' ' ')
			COMPREPLY=($(compgen -W "$fmts" -- "$cur")); return ;;
		--type)
			COMPREPLY=($(compgen -W "quartier rural entreprise mixte" -- "$cur")); return ;;
		--phase)
			COMPREPLY=($(compgen -W "emergence test lancement fonctionnement" -- "$cur")); return ;;
		--template)
			COMPREPLY=($(compgen -W "quartier rural" -- "$cur")); return ;;
		--role)
			COMPREPLY=($(compgen -W "concierge" -- "$cur")); return ;;
		--taux-benevolat)
			return ;;
		-j|--jobs)
			# a few worker counts, up to the processors of this machine
			local n i list=
			n=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
			for ((i = 1; i <= n && i <= 64; i++)); do list+="$i "; done
			COMPREPLY=($(compgen -W "$list" -- "$cur")); return ;;
		-o|--output)
			local IFS=$'\n'
			COMPREPLY=($(compgen -f -- "$cur"))
			compopt -o filenames 2>/dev/null
			return ;;
		--referentiel|--into|--git)
			_conciergerie_yaml "$cur"; return ;;
	esac

	if [[ $cmd == help ]]; then
		[[ $COMP_CWORD -eq 2 ]] &&
			COMPREPLY=($(compgen -W "$(_conciergerie_commands)" -- "$cur"))
		return
	fi
	if [[ $cur == -* ]]; then
		local opts
		opts=$(conciergerie "$cmd" --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]*' | sort -u)
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	# diff reads REV:path too: after the colon, the project files (as in
	# the working tree), with the revision kept in front.
	if [[ $cmd == diff && $cur == ?*:* ]]; then
		local rev=${cur%%:*} f
		local IFS=$'\n'
		_conciergerie_yaml "${cur#*:}"
		for f in "${!COMPREPLY[@]}"; do COMPREPLY[f]="$rev:${COMPREPLY[f]}"; done
		return
	fi
	# import reads a workbook; every other command a project file.
	if [[ $cmd == import ]]; then
		_conciergerie_xlsx "$cur"
		return
	fi
	_conciergerie_yaml "$cur"
}
complete -F _conciergerie conciergerie

# ex: filetype=sh
