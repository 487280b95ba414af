import { Link, Route, Routes } from 'react-router';
import { NotFound } from './pages/NotFound.jsx';
import { SpecialtyDetail } from './pages/SpecialtyDetail.jsx';
import { SpecialtyList } from './pages/SpecialtyList.jsx';

// The router itself is provided by main.jsx (BrowserRouter) or by a test (MemoryRouter).
export function App() {
  return (
    <>
      <header className="site-header">
        <Link to="/" data-testid="home-link">
          bluemed
        </Link>
        <span className="muted">Open appointment slots (sample data)</span>
      </header>
      <main>
        <Routes>
          <Route path="/" element={<SpecialtyList />} />
          <Route path="/specialties/:id" element={<SpecialtyDetail />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
    </>
  );
}
