#!/usr/bin/python3
"""Hostile workbooks for `conciergerie import`, built from a real fiche.

Usage: hostile_xlsx.py FICHE.xlsx OUTDIR

Writes into OUTDIR (each file is named for what it tries):
  bomb.xlsx            a sheet that inflates to 256 MiB, its size announced
  bomb-lying.xlsx      the same, announcing 1 KiB (the reader must cut it off)
  many-entries.xlsx    5,000 entries in the archive
  dotdot.xlsx          an entry named ../x
  absolute.xlsx        an entry named /etc/x
  laughs.xlsx          workbook.xml with a billion-laughs entity declaration
  xxe.xlsx             workbook.xml with an external entity
  truncated.xlsx       the first half of the fiche
  notzip.xlsx          a YAML file
  empty.xlsx           zero bytes
  rows-20000.xlsx      the Activité sheet with 20,000 filled rows
  deep.xlsx            a sheet nesting 10,000 elements
  long-string.xlsx     a shared string of 1 MiB
  bad-crc.xlsx         a sheet whose bytes no longer match its checksum
  no-workbook.xlsx     an archive without xl/workbook.xml
  bad-sst-index.xlsx   a cell pointing at a shared string that does not exist
"""
import os
import struct
import sys
import zipfile
import zlib


def entries(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def write_zip(path, items):
    """items: (name, data) or (name, raw_deflate, crc, real_size, announced_size)."""
    out = bytearray()
    central = bytearray()
    for it in items:
        if len(it) == 2:
            name, data = it
            co = zlib.compressobj(6, zlib.DEFLATED, -15)
            raw = co.compress(data) + co.flush()
            crc, size, announced = zlib.crc32(data), len(data), len(data)
        else:
            name, raw, crc, size, announced = it
        n = name.encode()
        offset = len(out)
        out += struct.pack('<IHHHHHIIIHH', 0x04034b50, 20, 0, 8, 0, 0x21, crc & 0xffffffff,
                           len(raw), announced, len(n), 0) + n + raw
        central += struct.pack('<IHHHHHHIIIHHHHHII', 0x02014b50, 20, 20, 0, 8, 0, 0x21,
                               crc & 0xffffffff, len(raw), announced, len(n), 0, 0, 0, 0, 0,
                               offset) + n
    cd_offset = len(out)
    out += central
    out += struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, len(items), len(items), len(central),
                       cd_offset, 0)
    with open(path, 'wb') as f:
        f.write(out)


def deflated_zeros(size):
    co = zlib.compressobj(1, zlib.DEFLATED, -15)
    block = b'\0' * (1 << 20)
    raw = bytearray()
    crc = 0
    left = size
    while left > 0:
        n = min(left, len(block))
        raw += co.compress(block[:n])
        crc = zlib.crc32(block[:n], crc)
        left -= n
    raw += co.flush()
    return bytes(raw), crc


def replace(items, name, data):
    return [(n, data if n == name else d) for n, d in items]


def main():
    src, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    o = lambda name: os.path.join(outdir, name)
    base = entries(src)
    sheet = 'xl/worksheets/sheet2.xml'  # Projet: the importer reads it first
    assert any(n == sheet for n, _ in base)

    raw, crc = deflated_zeros(256 << 20)
    write_zip(o('bomb.xlsx'), [it if it[0] != sheet else (sheet, raw, crc, 256 << 20, 256 << 20)
                               for it in base])
    write_zip(o('bomb-lying.xlsx'), [it if it[0] != sheet else (sheet, raw, crc, 256 << 20, 1024)
                                     for it in base])
    write_zip(o('many-entries.xlsx'), base + [('xl/media/f%d.bin' % i, b'x') for i in range(5000)])
    write_zip(o('dotdot.xlsx'), base + [('../x', b'evil')])
    write_zip(o('absolute.xlsx'), base + [('/etc/x', b'evil')])

    laughs = b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    prev = 'lol'
    for i in range(1, 10):
        laughs += ('<!ENTITY lol%d "%s">\n' % (i, ('&%s;' % prev) * 10)).encode()
        prev = 'lol%d' % i
    laughs += b']>\n<workbook><sheets><sheet name="&lol9;" sheetId="1"/></sheets></workbook>\n'
    write_zip(o('laughs.xlsx'), replace(base, 'xl/workbook.xml', laughs))
    xxe = (b'<?xml version="1.0"?>\n<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
           b'<workbook><sheets><sheet name="&x;" sheetId="1"/></sheets></workbook>\n')
    write_zip(o('xxe.xlsx'), replace(base, 'xl/workbook.xml', xxe))

    data = open(src, 'rb').read()
    with open(o('truncated.xlsx'), 'wb') as f:
        f.write(data[:len(data) // 2])
    with open(o('notzip.xlsx'), 'w') as f:
        f.write('version: 1\nprojet: { nom: x, type: quartier, phase: test }\n')
    open(o('empty.xlsx'), 'wb').close()

    rows = ''.join('<row r="%d"><c r="A%d" t="inlineStr"><is><t>2026-01</t></is></c>'
                   '<c r="B%d"><v>%d</v></c></row>' % (r, r, r, r) for r in range(5, 20005))
    activity = 'xl/worksheets/sheet8.xml'  # Mode d'emploi, Projet, Étapes… then Activité
    doc = ('<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/'
           'spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>' % rows).encode()
    write_zip(o('rows-20000.xlsx'), replace(base, activity, doc))
    deep = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main">' + b'<a>' * 10000 + b'</a>' * 10000 + b'</worksheet>')
    write_zip(o('deep.xlsx'), replace(base, sheet, deep))
    sst = next(d for n, d in base if n == 'xl/sharedStrings.xml')
    i = sst.index(b'<t>') + 3
    write_zip(o('long-string.xlsx'), replace(base, 'xl/sharedStrings.xml',
                                             sst[:i] + b'a' * (1 << 20) + sst[i:]))
    # Flip one byte of a sheet but keep its old checksum.
    items = []
    for n, d in base:
        if n == sheet:
            co = zlib.compressobj(6, zlib.DEFLATED, -15)
            k = len(d) // 2
            bad = d[:k] + bytes([d[k] ^ 1]) + d[k + 1:]
            items.append((n, co.compress(bad) + co.flush(), zlib.crc32(d), len(bad), len(bad)))
        else:
            items.append((n, d))
    write_zip(o('bad-crc.xlsx'), items)
    write_zip(o('no-workbook.xlsx'), [(n, d) for n, d in base if n != 'xl/workbook.xml'])
    sheet_data = next(d for n, d in base if n == sheet)
    bad = sheet_data.replace(b't="s"><v>', b't="s"><v>99999', 1)
    write_zip(o('bad-sst-index.xlsx'), replace(base, sheet, bad))


if __name__ == '__main__':
    main()
