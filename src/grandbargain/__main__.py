"""``python -m grandbargain``."""

from grandbargain.cli import main

main()
