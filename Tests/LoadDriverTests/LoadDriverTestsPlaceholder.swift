// Tests for this module arrive with its issue; this file only keeps the target buildable.
import Testing
