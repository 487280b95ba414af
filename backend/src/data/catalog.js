// Fictional, non-personal sample data: specialties of an imaginary clinic and the slots
// still open for booking. Slots carry no patient or clinician names on purpose.

const SPECIALTIES = [
  {
    id: 'cardiology',
    name: 'Cardiology',
    description: 'Heart rhythm checks, blood pressure follow-up and cardiac stress tests.',
  },
  {
    id: 'dermatology',
    name: 'Dermatology',
    description: 'Skin, hair and nail conditions, including mole screening.',
  },
  {
    id: 'endocrinology',
    name: 'Endocrinology',
    description: 'Thyroid, diabetes and other hormone-related care.',
  },
  {
    id: 'neurology',
    name: 'Neurology',
    description: 'Headaches, nerve conduction studies and movement disorders.',
  },
  {
    id: 'ophthalmology',
    name: 'Ophthalmology',
    description: 'Eye examinations, glaucoma monitoring and cataract assessment.',
  },
  {
    id: 'orthopedics',
    name: 'Orthopedics',
    description: 'Joint, bone and sports injuries, with fracture follow-up.',
  },
  {
    id: 'pediatrics',
    name: 'Pediatrics',
    description: 'Routine check-ups and vaccinations for children and teenagers.',
  },
];

const SLOTS = [
  ['cardiology', '2030-03-04T09:00:00Z', 30, 'North Clinic, Room 2.14'],
  ['cardiology', '2030-03-04T09:30:00Z', 30, 'North Clinic, Room 2.14'],
  ['cardiology', '2030-03-05T14:00:00Z', 45, 'North Clinic, Room 2.16'],
  ['dermatology', '2030-03-04T10:15:00Z', 20, 'Riverside Clinic, Room 1.03'],
  ['dermatology', '2030-03-06T08:40:00Z', 20, 'Riverside Clinic, Room 1.03'],
  ['neurology', '2030-03-07T13:00:00Z', 60, 'North Clinic, Room 3.02'],
  ['orthopedics', '2030-03-04T11:00:00Z', 30, 'South Clinic, Room 0.21'],
  ['orthopedics', '2030-03-05T11:00:00Z', 30, 'South Clinic, Room 0.21'],
  ['orthopedics', '2030-03-05T11:30:00Z', 30, 'South Clinic, Room 0.21'],
  ['pediatrics', '2030-03-06T15:20:00Z', 20, 'Riverside Clinic, Room 1.10'],
].map(([specialtyId, startsAt, durationMinutes, location], index) =>
  Object.freeze({
    id: `slot-${String(index + 1).padStart(3, '0')}`,
    specialtyId,
    startsAt,
    durationMinutes,
    location,
  }),
);

export function createCatalog({ specialties = SPECIALTIES, slots = SLOTS } = {}) {
  const slotsBySpecialty = new Map(specialties.map((s) => [s.id, []]));
  for (const slot of [...slots].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    slotsBySpecialty.get(slot.specialtyId)?.push(slot);
  }

  const summaries = specialties.map((s) =>
    Object.freeze({ ...s, openSlotCount: slotsBySpecialty.get(s.id).length }),
  );
  const byId = new Map(summaries.map((s) => [s.id, s]));

  return Object.freeze({
    listSpecialties({ q, hasOpenSlots } = {}) {
      const needle = q?.toLowerCase();
      return summaries.filter(
        (s) =>
          (needle === undefined ||
            s.name.toLowerCase().includes(needle) ||
            s.description.toLowerCase().includes(needle)) &&
          (hasOpenSlots === undefined || s.openSlotCount > 0 === hasOpenSlots),
      );
    },

    findSpecialty(id) {
      return byId.get(id);
    },

    // Returns undefined for an unknown specialty, so callers can tell it from "no slots".
    listSlots(specialtyId, { date } = {}) {
      const slotsOfSpecialty = slotsBySpecialty.get(specialtyId);
      if (slotsOfSpecialty === undefined) return undefined;
      return date === undefined
        ? slotsOfSpecialty
        : slotsOfSpecialty.filter((slot) => slot.startsAt.startsWith(`${date}T`));
    },
  });
}
