// Branches and regions (reporting-service /api/v1/branches): the directory by region; administrators add, change and
// remove branches (code, name, region, IANA time zone). Everyone else here reads it.
import { deleteJson, postJson, putJson } from '../../api.js';
import { formatDateTime, messages, rememberBranchZones, t } from '../../i18n.js';
import { can } from '../../session.js';
import { field, h, notify, problemText, select, table } from '../../ui.js';
import { ID_PATTERN, confirmBox, formDialog, loadBranches, regionsOf, reloading, sectionFrame, zoneList } from './common.js';

messages({
  en: {
    'admin.branches.title': 'Branches and regions',
    'admin.branches.region': 'Region {region}',
    'admin.branches.allRegions': 'All regions',
    'admin.branches.add': 'Add branch',
    'admin.branches.id': 'Branch id',
    'admin.branches.idHint': 'Cannot be changed later.',
    'admin.branches.code': 'Code',
    'admin.branches.name': 'Name',
    'admin.branches.regionId': 'Region',
    'admin.branches.zone': 'Time zone',
    'admin.branches.zoneHint': 'IANA time zone such as Asia/Shanghai; UTC when left empty.',
    'admin.branches.changed': 'Last change',
    'admin.branches.editTitle': 'Edit branch {id}',
    'admin.branches.created': 'Branch {id} added.',
    'admin.branches.saved': 'Branch {id} saved.',
    'admin.branches.removeTitle': 'Remove branch {id}?',
    'admin.branches.removeText':
      'The branch leaves the directory; its id and code can be used again. Its past data stays in the reports.',
    'admin.branches.removed': 'Branch {id} removed.',
    'admin.branches.readOnly': 'Only administrators change the branch directory.',
  },
  'zh-CN': {
    'admin.branches.title': '网点与区域',
    'admin.branches.region': '{region} 区域',
    'admin.branches.allRegions': '全部区域',
    'admin.branches.add': '新增网点',
    'admin.branches.id': '网点编号',
    'admin.branches.idHint': '创建后不可修改。',
    'admin.branches.code': '代码',
    'admin.branches.name': '名称',
    'admin.branches.regionId': '区域',
    'admin.branches.zone': '时区',
    'admin.branches.zoneHint': 'IANA 时区，例如 Asia/Shanghai；留空则为 UTC。',
    'admin.branches.changed': '最近修改',
    'admin.branches.editTitle': '编辑网点 {id}',
    'admin.branches.created': '网点 {id} 已添加。',
    'admin.branches.saved': '网点 {id} 已保存。',
    'admin.branches.removeTitle': '删除网点 {id}？',
    'admin.branches.removeText': '该网点将从目录中移除，其编号和代码可再次使用。历史数据仍保留在报表中。',
    'admin.branches.removed': '网点 {id} 已删除。',
    'admin.branches.readOnly': '仅管理员可以修改网点目录。',
  },
});

export const section = {
  key: 'branches',
  path: '/admin/branches',
  title: 'admin.branches.title',
  allowed: () => can.administer(),
  async render(view, sections, query) {
    const region = query.get('region') ?? '';
    const reload = reloading(section, view, sections, query);
    await sectionFrame(view, sections, section.key, section.title, async () => {
      const branches = await loadBranches();
      rememberBranchZones(branches);
      const regions = regionsOf(branches);
      const chooser = select('region', [['', t('admin.branches.allRegions')], ...regions.map((r) => [r, r])], region);
      chooser.addEventListener('change', () => {
        location.hash = `#${section.path}${chooser.value ? `?region=${encodeURIComponent(chooser.value)}` : ''}`;
      });
      const toolbar = h(
        'div',
        { class: 'toolbar' },
        field(t('admin.branches.regionId'), chooser),
        can.manageBranches()
          ? h('button', { type: 'button', onclick: () => editBranch(null, regions, reload) }, t('admin.branches.add'))
          : h('p', { class: 'muted' }, t('admin.branches.readOnly')),
      );
      // one table per region, so the directory reads by region
      const shown = regions.filter((r) => !region || r === region);
      return [
        toolbar,
        ...shown.map((r) =>
          h(
            'div',
            { class: 'region', dataset: { region: r } },
            h('h2', {}, t('admin.branches.region', { region: r })),
            branchTable(branches.filter((b) => b.regionId === r), regions, reload),
          ),
        ),
      ];
    });
  },
};

function branchTable(branches, regions, reload) {
  const columns = [
    { label: t('admin.branches.id'), value: (b) => b.branchId },
    { label: t('admin.branches.code'), value: (b) => b.code },
    { label: t('admin.branches.name'), value: (b) => b.name },
    { label: t('admin.branches.zone'), value: (b) => b.timeZone },
    { label: t('admin.branches.changed'), value: (b) => formatDateTime(b.changedAt, b.branchId) },
  ];
  if (can.manageBranches()) {
    columns.push({
      label: t('admin.actions'),
      class: 'actions',
      value: (b) => [
        h('button', { type: 'button', class: 'secondary small', onclick: () => editBranch(b, regions, reload) }, t('admin.edit')),
        ' ',
        h('button', { type: 'button', class: 'danger small', onclick: () => removeBranch(b, reload) }, t('common.delete')),
      ],
    });
  }
  return table(columns, branches);
}

/** The add/edit form; branch null adds one. The fields carry BranchRequest's constraints. */
function editBranch(branch, regions, reload) {
  const input = (name, value, attributes) =>
    h('input', { name, value: value ?? '', 'data-label': t(`admin.branches.${name === 'branchId' ? 'id' : name === 'timeZone' ? 'zone' : name}`), ...attributes });
  const fields = [
    branch
      ? null
      : field(t('admin.branches.id'), input('branchId', '', { required: true, pattern: ID_PATTERN, maxlength: 64 }), t('admin.branches.idHint')),
    field(t('admin.branches.code'), input('code', branch?.code, { required: true, pattern: ID_PATTERN, maxlength: 64 })),
    field(t('admin.branches.name'), input('name', branch?.name, { required: true, maxlength: 200 })),
    field(
      t('admin.branches.regionId'),
      h('input', { name: 'regionId', value: branch?.regionId ?? '', list: 'admin-regions', required: true, pattern: ID_PATTERN, maxlength: 64, 'data-label': t('admin.branches.regionId') }),
    ),
    h('datalist', { id: 'admin-regions' }, regions.map((r) => h('option', { value: r }))),
    field(
      t('admin.branches.zone'),
      input('timeZone', branch?.timeZone, { list: 'admin-zones', maxlength: 64, autocomplete: 'off' }),
      t('admin.branches.zoneHint'),
    ),
    zoneList('admin-zones'),
  ];
  const labels = {
    branchId: t('admin.branches.id'),
    code: t('admin.branches.code'),
    name: t('admin.branches.name'),
    regionId: t('admin.branches.regionId'),
    timeZone: t('admin.branches.zone'),
  };
  formDialog(
    branch ? t('admin.branches.editTitle', { id: branch.branchId }) : t('admin.branches.add'),
    fields,
    t('common.save'),
    labels,
    async (form) => {
      const value = (name) => form.elements[name]?.value.trim() ?? '';
      const body = { code: value('code'), name: value('name'), regionId: value('regionId'), timeZone: value('timeZone') || null };
      if (branch) {
        await putJson(`/api/v1/branches/${encodeURIComponent(branch.branchId)}`, body);
        notify(t('admin.branches.saved', { id: branch.branchId }));
      } else {
        const created = await postJson('/api/v1/branches', { branchId: value('branchId'), ...body });
        notify(t('admin.branches.created', { id: created.branchId }));
      }
      reload();
    },
  );
}

async function removeBranch(branch, reload) {
  if (!(await confirmBox(t('admin.branches.removeTitle', { id: branch.branchId }), t('admin.branches.removeText'), t('common.delete')))) return;
  try {
    await deleteJson(`/api/v1/branches/${encodeURIComponent(branch.branchId)}`);
    notify(t('admin.branches.removed', { id: branch.branchId }));
    reload();
  } catch (error) {
    notify(problemText(error), 'error');
  }
}
