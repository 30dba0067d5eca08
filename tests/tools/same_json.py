#!/usr/bin/python3
"""Exit 0 when two JSON reports say the same, the "fichier" keys aside.

Usage: same_json.py A.json B.json
"""
import json
import sys


def strip(x):
    if isinstance(x, dict):
        return {k: strip(v) for k, v in x.items() if k != 'fichier'}
    if isinstance(x, list):
        return [strip(v) for v in x]
    return x


def main():
    a, b = (strip(json.load(open(p, encoding='utf-8'))) for p in sys.argv[1:3])
    sys.exit(0 if a == b else 1)


if __name__ == '__main__':
    main()
