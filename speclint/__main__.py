import sys

from speclint.app.cli import main

sys.exit(main())
