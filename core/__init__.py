"""The ground floor: helpers every app may use and that import no app of this project (DESIGN.md section 2)."""
