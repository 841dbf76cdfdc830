# Rendering pages through the theme's templates.

render-also-on-pages = {$problem} (and on {$count} other {$count ->
    [one] page
   *[other] pages
})
