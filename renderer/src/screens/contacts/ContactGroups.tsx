// Groups (distribution lists): create, rename, delete; open one to see its members, each
// with why a fax to it would be refused; remove a member. Members are added from the
// contact's form (its Groups boxes).
import { useId, useState } from 'react';
import { formatFaxNumber } from '../../../../shared/faxNumber';
import { useDesk, useSlice } from '../../deskContext';
import { contactTitle } from '../../stores';

export function ContactGroups() {
  const desk = useDesk();
  const id = useId();
  const groups = useSlice(desk.contacts, (s) => s.groups);
  const open = useSlice(desk.contacts, (s) => s.openGroup);
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const store = desk.contacts.getState();
  const country = desk.defaultCountry();
  return (
    <section className="contact-groups" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Groups</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void store.saveGroup(name).then((saved) => saved && setName(''));
        }}
      >
        <label htmlFor={`${id}-new`} className="visually-hidden">
          New group name
        </label>
        <input id={`${id}-new`} value={name} maxLength={100} placeholder="Cardiology referrals" onChange={(e) => setName(e.target.value)} />
        <button type="submit">New group</button>
      </form>
      {groups.length === 0 ? (
        <p className="empty">No groups yet. A group is a list of contacts to fax together, such as Cardiology referrals.</p>
      ) : (
        <ul className="group-list" aria-label="Groups">
          {groups.map((group) => (
            <li key={group.id} className={open?.id === group.id ? 'open' : ''}>
              {renaming?.id === group.id ? (
                <form
                  className="inline-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void store.saveGroup(renaming.name, group.id).then((saved) => saved && setRenaming(null));
                  }}
                >
                  <label htmlFor={`${id}-rename`} className="visually-hidden">
                    Group name
                  </label>
                  <input
                    id={`${id}-rename`}
                    value={renaming.name}
                    maxLength={100}
                    onChange={(e) => setRenaming({ id: group.id, name: e.target.value })}
                    autoFocus
                  />
                  <button type="submit">Save</button>
                  <button type="button" onClick={() => setRenaming(null)}>
                    Cancel
                  </button>
                </form>
              ) : (
                <>
                  <button type="button" className="link" onClick={() => void store.showGroup(open?.id === group.id ? null : group.id)}>
                    {group.name}
                  </button>{' '}
                  <span className="row-sub">
                    {group.members === 1 ? '1 contact' : `${group.members} contacts`}
                    {group.problems > 0 && ` · ${group.problems} with a number that would be refused`}
                  </span>{' '}
                  <button type="button" className="link" onClick={() => store.filterGroup(group.id)}>
                    Show in list
                  </button>{' '}
                  <button type="button" className="link" onClick={() => setRenaming({ id: group.id, name: group.name })}>
                    Rename
                  </button>{' '}
                  <button
                    type="button"
                    className="link danger"
                    onClick={() => void store.deleteGroup(group.id)}
                    aria-label={`Delete group ${group.name}`}
                  >
                    Delete
                  </button>
                </>
              )}
              {open?.id === group.id && (
                <ul className="member-list" aria-label={`Members of ${group.name}`}>
                  {open.memberList.length === 0 && <li className="empty">No members yet: tick this group in a contact's form.</li>}
                  {open.memberList.map((member) => (
                    <li key={member.contactId} className={member.problem ? 'member-problem' : ''}>
                      <span>
                        {contactTitle(member)} · {formatFaxNumber(member.fax, country)}
                      </span>
                      {member.problem && <span className="hint hint-error">{member.problem}</span>}
                      <button
                        type="button"
                        className="link"
                        aria-label={`Remove ${contactTitle(member)} from ${group.name}`}
                        onClick={() => void store.changeMembers(group.id, [], [member.contactId])}
                      >
                        Remove
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
