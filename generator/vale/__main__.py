"""``python -m generator.vale ARGS`` runs Vale's command line."""

import sys

from .cli import main

sys.exit(main())
