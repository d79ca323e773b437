NO_FINDINGS: tuple = ()
