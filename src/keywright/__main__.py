from keywright.cli import main

main()
