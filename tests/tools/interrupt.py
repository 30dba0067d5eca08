"""Interrupt a command while it writes, and say what it left behind.

Usage: python3 interrupt.py SIGNAL DIR CMD [ARG...]

Runs CMD (with SIGINT, SIGTERM and SIGHUP at their default disposition, as
from a terminal), waits until DIR holds at least one finished file and one
temporary one (*.tmp-*: a report being written), sends SIGNAL (INT, TERM or
HUP), then prints the exit status as a shell reports it (128 + signal), and
whether temporaries are left in DIR or in $TMPDIR. Every finished workbook
must still open (openpyxl); its count is not printed, as it depends on
timing.
"""
import os
import signal
import subprocess
import sys
import time

import openpyxl

sig = getattr(signal, "SIG" + sys.argv[1])
out_dir, cmd = sys.argv[2], sys.argv[3:]
tmpdir = os.environ.get("TMPDIR", "/tmp")


def restore():
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, signal.SIG_DFL)


def entries(d):
    try:
        return os.listdir(d)
    except FileNotFoundError:
        return []


proc = subprocess.Popen(cmd, preexec_fn=restore, stdout=subprocess.DEVNULL)
deadline = time.time() + 120
seen = False
while time.time() < deadline and proc.poll() is None:
    names = entries(out_dir)
    done = [n for n in names if n.endswith(".xlsx") and ".tmp-" not in n]
    if done and any(".tmp-" in n for n in names):
        proc.send_signal(sig)
        seen = True
        break
    time.sleep(0.002)
status = proc.wait()
print("interrompu pendant une écriture" if seen else "jamais interrompu (la commande a fini trop tôt)")
print("statut", 128 - status if status < 0 else status)
left = [n for n in entries(out_dir) if ".tmp-" in n]
print("temporaires laissés dans le répertoire :", len(left))
staged = [n for n in entries(tmpdir) if n.startswith("conciergerie") or ".tmp-" in n]
print("temporaires laissés dans TMPDIR :", len(staged))
bad = []
for n in sorted(entries(out_dir)):
    if n.endswith(".xlsx"):
        try:
            openpyxl.load_workbook(os.path.join(out_dir, n))
        except Exception as e:  # any failure to open is a broken report
            bad.append("%s (%s)" % (n, e))
print("classeurs illisibles :", ", ".join(bad) if bad else "aucun")
