import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { EventRegistration, EventSession } from '@launchpath/contracts';
import { fakeApi, member } from '../../test/fakeApi';
import { renderWithApi } from '../../test/render';
import { SessionPage } from './SessionPage';

const now = Date.now();
const session = (overrides: Partial<EventSession> = {}): EventSession => ({
  id: 'session-1',
  opportunityId: 'op-1',
  opportunityTitle: 'Wind farm worksite tour',
  startsAt: new Date(now - 10 * 60_000).toISOString(),
  endsAt: new Date(now + 110 * 60_000).toISOString(),
  location: 'Altamont Pass visitor center',
  capacity: 30,
  registered: 3,
  waitlisted: 1,
  cancelled: false,
  offCampus: false,
  canManage: true,
  checkInCode: 'K7MQ2P',
  ...overrides,
});
const person = (studentId: string, name: string, status: EventRegistration['status'] = 'registered'): EventRegistration => ({
  studentId,
  name,
  schoolName: 'Alder High',
  status,
  registeredAt: new Date(now - 86_400_000).toISOString(),
});
const host = member({ organizationName: 'Valley Wind', organizationType: 'employer', role: 'employerAdmin' }, ['opportunitiesRead', 'opportunitiesWrite']);
const student = { ...member({ organizationName: 'Alder High', organizationType: 'school', role: 'student' }, ['opportunitiesRead']), studentId: 'st-9' };

describe('A session of an event', () => {
  it('shows the host the check-in code, and takes attendance: everyone present, then the exceptions', async () => {
    const api = fakeApi({
      getEventSession: () => Promise.resolve(session()),
      listSessionRegistrations: () => Promise.resolve([person('st-1', 'Ana Ruiz'), person('st-2', 'Ben Cho'), person('st-3', 'Cy Lee'), person('st-4', 'Dee Park', 'waitlisted')]),
      recordAttendance: (_id, body) =>
        Promise.resolve([
          ...body.present.map((id) => ({ ...person(id, id), attendance: 'present' as const })),
          ...body.absent.map((id) => ({ ...person(id, id), attendance: 'absent' as const })),
        ]),
    });
    renderWithApi(<SessionPage me={host} sessionId="session-1" />, api);

    expect((await screen.findByText('K7MQ2P')).tagName).toBe('STRONG');
    const seated = await screen.findByRole('list', { name: 'Students with a seat' });
    expect(within(seated).getAllByRole('checkbox')).toHaveLength(3);
    expect(screen.getByText('Dee Park')).toBeTruthy(); // the waiting list, apart
    fireEvent.click(screen.getByRole('button', { name: 'Everyone present' }));
    fireEvent.click(within(seated).getByRole('checkbox', { name: /Ben Cho/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save attendance' }));

    await screen.findByText('Attendance saved: 2 present.');
    expect(api.recordAttendance).toHaveBeenCalledWith('session-1', { present: ['st-1', 'st-3'], absent: ['st-2'] });
  });

  it('lets a student with a seat check in with the code', async () => {
    const api = fakeApi({
      getEventSession: () => Promise.resolve(session({ canManage: false, checkInCode: undefined, myStatus: 'registered' })),
      checkIn: () => Promise.resolve({ ...person('st-9', 'Maya Reyes'), attendance: 'present', checkedInAt: new Date().toISOString() }),
    });
    renderWithApi(<SessionPage me={student} sessionId="session-1" />, api);

    fireEvent.change(await screen.findByLabelText('Code shown at the event'), { target: { value: ' k7mq2p ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check in' }));
    await screen.findByText("You're checked in. Enjoy the event!");
    expect(api.checkIn).toHaveBeenCalledWith('session-1', { code: 'k7mq2p' });
    expect(screen.queryByText('K7MQ2P')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Roster and attendance' })).toBeNull();
  });

  it('asks a student who was there how it was, and sends the rating with what they learned', async () => {
    const api = fakeApi({
      getEventSession: () => Promise.resolve(session({ canManage: false, checkInCode: undefined, myStatus: 'registered', iAttended: true })),
      giveEventFeedback: () => Promise.resolve(session({ canManage: false, checkInCode: undefined, myStatus: 'registered', iAttended: true, myRating: 4 })),
    });
    renderWithApi(<SessionPage me={student} sessionId="session-1" />, api);

    await screen.findByRole('heading', { name: 'How was it?' });
    fireEvent.click(screen.getByRole('radio', { name: '4 – Very good' }));
    fireEvent.change(screen.getByLabelText(/What did you learn/), { target: { value: ' The control room, next. ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Thank you: your feedback is saved.');
    expect(api.giveEventFeedback).toHaveBeenCalledWith('session-1', { rating: 4, reflection: 'The control room, next.' });
  });

  it('keeps a student whose trip still needs a guardian’s permission out of “everyone present”', async () => {
    const api = fakeApi({
      getEventSession: () => Promise.resolve(session({ offCampus: true })),
      listSessionRegistrations: () => Promise.resolve([{ ...person('st-1', 'Ana Ruiz'), permission: 'granted' }, { ...person('st-2', 'Ben Cho'), permission: 'pending' }]),
      recordAttendance: (_id, body) => Promise.resolve(body.present.map((id) => ({ ...person(id, id), attendance: 'present' as const }))),
    });
    renderWithApi(<SessionPage me={host} sessionId="session-1" />, api);

    await screen.findByText(/Students leave campus/);
    const seated = await screen.findByRole('list', { name: 'Students with a seat' });
    expect(within(seated).getByText(/permission pending/)).toBeTruthy();
    expect((within(seated).getByRole('checkbox', { name: /Ben Cho/ }) as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Everyone present' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save attendance' }));
    await screen.findByText('Attendance saved: 1 present.');
    expect(api.recordAttendance).toHaveBeenCalledWith('session-1', { present: ['st-1'], absent: ['st-2'] });
  });

  it('fills in the code a scanned QR code brings in the address', async () => {
    window.location.hash = '#/events/session-1?code=K7MQ2P';
    const api = fakeApi({ getEventSession: () => Promise.resolve(session({ canManage: false, checkInCode: undefined, myStatus: 'registered' })) });
    renderWithApi(<SessionPage me={student} sessionId="session-1" />, api);
    expect(((await screen.findByLabelText('Code shown at the event')) as HTMLInputElement).value).toBe('K7MQ2P');
    window.location.hash = '';
  });
});
