{#- Closes the menu's "Thêm" list (the <details> just before this script) on a click
    elsewhere or on Esc, giving the focus back to its button. Sent inline and small with every
    page: the line breaks and these comments are left out of the page. -#}
(function(){var d=document.currentScript.previousElementSibling.firstElementChild;
{#- -#}document.addEventListener('click',function(e){if(d.open&&!d.contains(e.target))d.open=false});
{#- -#}document.addEventListener('keydown',function(e){if(e.key==='Escape'&&d.open){d.open=false;d.firstElementChild.focus()}})})();
{#- -#}
