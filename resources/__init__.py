"""Icons, style sheets and templates shipped inside the wheel."""
