"""`python -m hykg` runs the command line."""

from .cli import main

main()
