# Soạn bài: the web editor's page (src/commands/editor/page/editor.js). Every id here is
# used there as t("ui-…"), and vi/editor.ftl has the same ids with the same variables.

## General
ui-app-title = Soạn bài editor
ui-app-tagline = Write and publish the bulletin's articles
ui-window-title = Soạn bài editor
ui-window-title-article = { $title } · Soạn bài
ui-close = Close
ui-cancel = Cancel
ui-insert = Insert
ui-create = Create
ui-clear = Clear
ui-clear-field = Clear { $field }
ui-loading = Loading…
ui-untitled = (No title yet)
ui-required = Please fill in { $label }.
ui-hint = Hint: { $hint }

## General errors
ui-error-network = Cannot reach the editor's server: the bantin serve window may have been closed. Your text is kept on this computer; start bantin serve again and retry.
ui-error-forbidden = Open the editor with the address bantin serve printed (the one with #ma=…); each run has a new one.
ui-error-status = The server answered with error { $status }.
ui-error-unexpected = Something unexpected went wrong on the page. Your text is kept; reload the page.

## Article list
ui-list-heading = Articles and pages
ui-list-caption = Articles and pages, newest first
ui-new-article = New article
ui-search-label = Find
ui-search-hint = Tone marks are optional, e.g. giam ngheo
ui-filter-section = Section
ui-filter-state = State
ui-filter-all-sections = All sections
ui-filter-all-states = All states
ui-section-root = Site pages
ui-col-title = Title
ui-col-section = Section
ui-col-date = Date
ui-col-state = State
ui-col-author = Author
ui-kind-page = Page
ui-list-count-all = Showing { $shown } of { $total }
ui-list-count-found = { $found } found (of { $total }), showing { $shown }
ui-show-more = Show { $count } more ({ $left } left)
ui-state-draft = Draft
ui-state-scheduled = Scheduled
ui-state-published = Published
ui-state-expired = Expired
ui-state-broken = Has problems

## New article
ui-new-heading = New article
ui-new-section-option = New section…
ui-new-section-name = New section's name
ui-new-section-hint = Write the name as readers see it, e.g. Thông báo. bantin names the folder.

## Article fields
ui-back-to-list = Back to the list
ui-fields-heading = Article details
ui-field-title = Title
ui-field-date = Date
ui-field-section = Section
ui-field-tags = Tags
ui-field-author = Author
ui-field-image = Feature image
ui-field-image-caption = Image caption
ui-field-summary = Summary
ui-field-draft = Draft
ui-field-expires = Expires
ui-date-hint = Day/month/year, e.g. 06/04/2023, and time
ui-date-placeholder = dd/mm/yyyy
ui-time-of = Time of { $field }
ui-time-placeholder = HH:MM
ui-time-format = Write the time as hours:minutes, e.g. 08:30.
ui-date-format = Write the date as day/month/year, e.g. 06/04/2023.
ui-date-no-such-day = There is no { $date }.
ui-section-fixed = The section is the article's folder; it cannot be changed here.
ui-tags-hint = Type a tag, then press Enter or a comma.
ui-tag-remove = Remove tag { $tag }
ui-choose-image = Choose image
ui-draft-hint = A draft shows in the preview only and is not published.
ui-unreadable = The details at the top of the article's file cannot be read, so the fields below are locked. Fix the problem shown in the file; the text can still be edited.
ui-other-fields = Other details
ui-other-readonly = Can only be changed in the article's file.

## Body
ui-body = Text
ui-body-hint = Drop photos on this box to insert them.
ui-toolbar = Formatting
ui-tool-heading = Subheading
ui-tool-heading-long = Subheading (a line starting with ##)
ui-tool-bold = Bold
ui-tool-italic = Italic
ui-tool-list = List
ui-tool-numbered = Numbered list
ui-tool-link = Link
ui-tool-link-long = Link to another article
ui-tool-youtube = YouTube
ui-tool-pdf = PDF document
ui-tool-album = Album
ui-tool-note = Note box
ui-tool-image = Photo
ui-tool-image-long = Insert a photo from this computer
ui-problems-count = The text has { $count } problem(s):
ui-problem-line = Line { $line }:

## Insert dialogs
ui-youtube-heading = Insert a YouTube video
ui-youtube-url = Video address
ui-youtube-hint = Paste the video's address, e.g. https://www.youtube.com/watch?v=…
ui-pdf-heading = Insert a PDF document
ui-pdf-file = File name
ui-pdf-file-hint = The file sits beside the article. Upload it, or type the name of one already there.
ui-pdf-upload = Upload file…
ui-pdf-title = Document title
ui-album-heading = Insert a photo album
ui-note-heading = Insert a note box
ui-box-title = Box title
ui-link-heading = Link to another article
ui-link-search = Find an article by title
ui-link-found = { $count } matching
ui-link-none = No matching article.
ui-image-heading = Describe { $file }
ui-image-alt = Image description
ui-image-alt-hint = What the photo shows, for readers who cannot see it.
ui-image-caption = Caption
ui-image-not-inserted = { $file } was uploaded but not inserted.
ui-not-image = { $name } is not a photo.
ui-uploading = Uploading { $name }… { $percent }%
ui-uploaded = Uploaded: { $file }
ui-upload-too-big = { $name } is { $size } MB, over the { $limit } MB limit.

## Preview
ui-pane-switch = Show
ui-pane-edit = Edit
ui-pane-preview = Preview
ui-preview = Preview
ui-preview-open = Open in a new tab
ui-preview-none = This article has no page to preview yet.
ui-preview-frame = Preview: { $title }
ui-preview-built = Rebuilt in { $ms } ms

## Save
ui-save = Save
ui-saving = Saving…
ui-unsaved = Unsaved changes
ui-nothing-to-save = Nothing changed to save.
ui-saved-at = Saved at { $time }.
ui-fix-fields-first = Fix the fields marked in red, then save again.
ui-leave-confirm = This article has unsaved changes. Go back to the list anyway? They are kept on this computer; open the article again to restore them.
ui-draft-found = There are unsaved changes from { $time } { $date }.
ui-draft-restore = Restore
ui-draft-drop = Discard

## Conflict
ui-conflict-heading = The article's file has changed
ui-conflict-text = While you were editing, the article's file was changed elsewhere. Compare both versions and choose.
ui-conflict-disk = Version on disk
ui-conflict-mine = Your version
ui-conflict-keep-mine = Keep my version
ui-conflict-use-disk = Use the version on disk
ui-conflict-use-disk-confirm = Use the version on disk and drop all your unsaved changes?

## Saved versions
ui-history = Saved versions
ui-history-heading = Saved versions
ui-history-count = { $count } earlier version(s).
ui-history-none = No earlier versions yet.
ui-history-in-git = Earlier versions are kept in git.
ui-history-in-folder = Earlier versions are kept in the folder { $where }.
ui-history-restore = Restore
ui-history-restore-at = Restore the version of { $time }
ui-history-confirm = Restore the version of { $time }? The current version stays among the saved versions; unsaved changes are lost.
ui-history-restored = Restored the version of { $time }.

## Publish
ui-deploy = Publish
ui-deploy-to = Publish to { $target }
ui-deploy-target = Publish to
ui-deploy-confirm = Publish the site to { $target }?
ui-deploy-unsaved = The open article has unsaved changes: they will not be published.
ui-deploy-starting = Starting…
ui-deploy-preparing = Building the site and comparing with the server…
ui-deploy-progress = Sent { $done } of { $total } files
ui-deploy-progress-label = Publishing progress
ui-deploy-done = Published.
ui-deploy-failed = Publishing failed.
ui-history-changed = The file was changed elsewhere since you opened it, so nothing was restored; open the article again and retry.
ui-key-pinned = Pinned at the top of the home page
ui-key-weight = Order in the menu
ui-key-slug = Page name in the address
ui-key-description = Short description
ui-key-updated = Updated on
ui-key-noindex = Kept out of search engines
ui-key-aliases = Old addresses
ui-key-template = Page template
ui-saved-in-other-tab = This article was just saved in another tab. If you save here, bantin will show both versions before writing; or open the article again for the latest.
ui-image-removed = The photo { $file } was not inserted, so it was removed.
ui-translations = Translations:
ui-translation-open = {$name}: open
ui-translation-create = {$name}: translate
ui-translation-created = A copy to translate was made, as a draft: {$path}. Translate it, then untick "Draft" to publish it.
