"""Use cases: every action the window, the `zhibu` command and the tests perform."""
