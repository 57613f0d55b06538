#!/bin/sh
# Crash safety: SIGKILL gongshi build at random moments (50 times); the live
# site is always a complete generation and the ledger stays sound.
exec /usr/bin/python3 tests/tools/crash_kill.py gen/gongshi content 50
