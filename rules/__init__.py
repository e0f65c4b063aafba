"""speclint's built-in rules.

Installed as the ``speclint_rules`` package and registered through the ``speclint`` entry-point
group, exactly as a third-party plugin registers its rules.
"""
