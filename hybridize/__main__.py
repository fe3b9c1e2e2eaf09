import sys

from hybridize.cli import main

sys.exit(main())
