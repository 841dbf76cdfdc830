{#- Today's date in the masthead's date line (the element just before this script), in the
    site's language; without the script the line stays hidden. Sent inline and small with
    every page: the line breaks and these comments are left out of the page. -#}
(function(){var d=document.currentScript.previousElementSibling;
{#- -#}try{d.textContent=new Date().toLocaleDateString({% if site.language == "vi" %}'vi-VN',{weekday:'long',day:'2-digit',month:'2-digit',year:'numeric'}{% else %}'en-GB',{weekday:'long',day:'numeric',month:'long',year:'numeric'}{% endif %});d.hidden=false}catch(e){}})();
{#- -#}
