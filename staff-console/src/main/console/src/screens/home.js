// The start page: who is signed in, their scope, and what their role can do here.
import { messages, t } from '../i18n.js';
import { can, currentUser } from '../session.js';
import { h } from '../ui.js';

messages({
  en: {
    'home.title': 'Start',
    'home.greeting': 'Signed in as {name}',
    'home.scope.all': 'You see the whole tenant {tenant}.',
    'home.scope.some': 'You see these branches and regions: {scope}.',
    'home.readOnly': 'Your role reads only: nothing you open here can be changed.',
  },
  'zh-CN': {
    'home.title': '首页',
    'home.greeting': '当前用户：{name}',
    'home.scope.all': '您可查看租户 {tenant} 的全部数据。',
    'home.scope.some': '您可查看以下网点和区域：{scope}。',
    'home.readOnly': '您的角色为只读：此处的内容均不可修改。',
  },
});

export const routes = [
  {
    path: '/',
    title: 'home.title',
    render(view) {
      const user = currentUser();
      const scope = [...user.branches, ...user.regions.map((r) => t('scope.region', { region: r }))].join(', ');
      view.append(
        h(
          'section',
          { class: 'panel' },
          h('h1', {}, t('home.greeting', { name: user.username })),
          h('p', {}, scope ? t('home.scope.some', { scope }) : t('home.scope.all', { tenant: user.tenant })),
          can.readOnly() ? h('p', {}, t('home.readOnly')) : null,
        ),
      );
    },
  },
];
