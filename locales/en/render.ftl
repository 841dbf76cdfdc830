# Rendering pages through the theme's templates.

render-also-on-pages = {$problem} (and on {$count} other {$count ->
    [one] page
   *[other] pages
})
render-while-rendering = {$problem} (while rendering {$path})
render-while-rendering-from = {$problem} (while rendering {$path} from {$source})
render-while-cached-partial = {$problem} (while rendering a cached partial, which gets only site, t and root)
# What the template engine (Tera) says, as it says it.
render-template-error = {$error}
render-template-error-hint = fix the template; see the README for the variables each template gets
render-missing-parent = extends `{$parent}`, which is not in the theme
render-missing-parent-hint = check the name in `{"{"}% extends %{"}"}`
render-no-template = template `{$name}` is not in the theme
render-no-template-hint = add it to the theme's templates/ folder
render-unknown-template-hint = use one of the theme's templates, or remove `template:`

## Themes (render/theme.rs).

theme-extends-itself = theme `{$theme}` extends itself through its parents
theme-extends-itself-hint = remove the loop of `extends:`
theme-missing = there is no theme `{$theme}`
theme-missing-hint = create themes/{$theme}/, or remove `theme:` to use the built-in `{$built_in}`
theme-missing-parent-hint = create themes/{$theme}/ or extend `{$built_in}`
theme-renamed-template = {$name} is not used any more: the pages of every taxonomy use {$now}
theme-renamed-template-hint = rename it {$now}; `term` and `taxonomy` are its variables (see the README)
theme-no-strings = theme `{$theme}` has no strings for language `{$language}`
theme-no-strings-hint = add themes/{$theme}/i18n/{$language}.yaml, or choose another language
