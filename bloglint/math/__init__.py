"""Math in posts: the site's math profile, formula extraction after kramdown, TeX checks."""
