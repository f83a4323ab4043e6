"""People's rights over their data: everything held about a person (subject access and
portability) and erasure. It sits above every app whose data it gathers or erases."""
