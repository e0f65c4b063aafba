import sys

from speclint.app.quick import run

sys.exit(run())
