"""``python -m factionmap.cli``."""

from factionmap.cli import main

main()
