import sys

from speclint.app.quick import main

sys.exit(main())
