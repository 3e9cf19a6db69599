"""`python -m militantmap` is the militantmap command."""
from militantmap.cli import main

if __name__ == "__main__":
    main()
