// Placeholder replaced by the domain's page in this same piece of work (issue 9).
export default function UsersPage() {
  return null;
}
