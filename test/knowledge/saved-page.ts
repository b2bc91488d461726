/** A saved article page as `npm run add` gets it: the article among the site's chrome, with two dates. */
export const PAGE = `<!doctype html>
<html lang="ru">
<head>
  <meta charset="utf-8">
  <title>Операция «Жусан»: итоги</title>
  <meta property="article:published_time" content="2019-10-04T12:30:00+06:00">
  <meta itemprop="datePublished" content="2018-01-01">
</head>
<body>
  <header><nav><a href="/">Главная</a> <a href="/world">Мир</a> <a href="/sport">Спорт</a></nav></header>
  <main>
    <article>
      <h1>Операция «Жусан»: итоги</h1>
      <p>В ходе операции «Жусан» из Сирии вернули 595 граждан Казахстана,
         из них 406 детей. Об этом сообщило Министерство иностранных дел.</p>
      <h2>Реабилитация</h2>
      <p>Вернувшиеся прошли реабилитацию в Мангистауской области &amp; других регионах. Женщины &lt;и&gt; дети получили помощь психологов и теологов.</p>
      <ul><li>Первый этап прошёл в январе 2019 года.</li><li>Второй этап прошёл в мае 2019 года.</li></ul>
      <p>Поделиться</p>
      <p>Читайте также</p>
      <blockquote>Мы вернули наших граждан домой, — заявил представитель министерства.</blockquote>
    </article>
  </main>
  <footer><p>© 2019 Sputnik. Все права защищены.</p></footer>
</body>
</html>`;
