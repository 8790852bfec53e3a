"""``python -m supple`` runs the same command line as the ``supple`` script."""

from supple.launch import main

main()
