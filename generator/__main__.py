"""`python -m generator` runs the `playbook` command line."""

from .cli import main

main()
