// The InletEmulator module. See docs/ARCHITECTURE.md for what it holds and may import.
