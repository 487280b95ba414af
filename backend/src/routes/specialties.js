import { Router } from 'express';
import { HttpError, notFound } from '../errors.js';
import { optionalBoolean, optionalDate, optionalSearch } from '../query.js';

export function specialtiesRouter({ catalog }) {
  const router = Router();

  router.get('/specialties', (req, res) => {
    const q = optionalSearch(req.query, 'q');
    const hasOpenSlots = optionalBoolean(req.query, 'hasOpenSlots');
    const items = catalog.listSpecialties({ q, hasOpenSlots });
    res.json({ items, count: items.length });
  });

  router.get('/specialties/:id', (req, res) => {
    const specialty = catalog.findSpecialty(req.params.id);
    if (specialty === undefined) throw unknownSpecialty(req.params.id);
    res.json(specialty);
  });

  router.get('/specialties/:id/slots', (req, res) => {
    const date = optionalDate(req.query, 'date');
    const items = catalog.listSlots(req.params.id, { date });
    if (items === undefined) throw unknownSpecialty(req.params.id);
    res.json({ specialtyId: req.params.id, items, count: items.length });
  });

  // Express answers HEAD through the GET handlers; every other method is refused here.
  router.all(['/specialties', '/specialties/:id', '/specialties/:id/slots'], (req, res) => {
    res.set('Allow', 'GET, HEAD');
    throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed here`);
  });

  return router;
}

function unknownSpecialty(id) {
  return notFound(`No specialty has the id "${id}"`);
}
