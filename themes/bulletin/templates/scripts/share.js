{#- The share buttons of an article (the element just before this script). Every button is
    hidden until the script finds it can work here: copying needs the clipboard, Zalo needs
    the phone's share sheet or the clipboard. Sent inline and small with every article: the
    line breaks and these comments are left out of the page. -#}
(function(){var s=document.currentScript.previousElementSibling,st=s.querySelector('[role=status]'),c=navigator.clipboard;
{#- Show the buttons that can work. -#}
s.querySelectorAll('[hidden]').forEach(function(b){
{#- -#}  if(!c&&!navigator.share&&!b.hasAttribute('data-print'))return;
{#- -#}  if(!c&&b.hasAttribute('data-copy'))return;
{#- -#}  b.hidden=false});
{#- Copy a link, and say so in the status line. -#}
function copy(u,b){c.writeText(u).then(function(){st.textContent=b.getAttribute('data-done')})}
{#- Print; Zalo: the share sheet where there is one, else copy; copy. -#}
s.addEventListener('click',function(e){var b=e.target.closest('button');if(!b)return;
{#- -#}  if(b.hasAttribute('data-print'))window.print();
{#- -#}  else if(b.hasAttribute('data-zalo')){var u=b.getAttribute('data-zalo');if(navigator.share)navigator.share({title:document.title,url:u}).catch(function(){});else copy(u,b)}
{#- -#}  else copy(b.getAttribute('data-copy'),b)})})();
{#- -#}
