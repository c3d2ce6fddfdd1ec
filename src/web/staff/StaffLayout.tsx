import { AppShell, Avatar, Burger, Group, Menu, NavLink, ScrollArea, Text, UnstyledButton, VisuallyHidden } from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { IconChevronDown, IconHome, IconLogout, IconUserCircle } from "@tabler/icons-react";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, Outlet, useLocation, useNavigate } from "react-router";
import { LanguageSwitch, Loading, MAIN_ID, SkipLink, notifyError } from "../components/ui.tsx";
import { useAuthActions, useMe } from "../lib/auth.tsx";
import { linkVisible, staffModules } from "./modules.tsx";
import { Bell } from "./notify/Bell.tsx";

/** The staff workspace: header, a sidebar naming the capabilities the user has, the page. */
export function StaffLayout() {
  const { t } = useTranslation();
  const { data: me, isLoading } = useMe();
  const [opened, { toggle, close }] = useDisclosure();
  // Below Mantine's md the menu slides off-screen when closed: inert then, so Tab does not walk through links no one can see.
  const phone = useMediaQuery("(max-width: 61.99em)") ?? false;
  const location = useLocation();
  if (isLoading) return <Loading />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 260, breakpoint: "md", collapsed: { mobile: !opened } }} padding="md">
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t("nav.menu")} aria-expanded={opened} />
            <Text component={Link} to="/staff" fw={700} c="blue.8" size="lg" style={{ textDecoration: "none", whiteSpace: "nowrap" }}>
              {t("appName")}
            </Text>
            <Text size="sm" c="dimmed" visibleFrom="sm" truncate maw={360}>
              {me.body.name}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {me.scope.kind === "enterprise" ? null : <Bell />}
            <LanguageSwitch />
            <AccountMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t("nav.menu")} inert={phone && !opened}>
        <StaffNav me={me} onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main id={MAIN_ID} tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

type Me = NonNullable<ReturnType<typeof useMe>["data"]>;

/** The header's account menu: the role, the account page, logging out. */
function AccountMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { logout } = useAuthActions();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton>
          <VisuallyHidden>{t("nav.account")}</VisuallyHidden>
          <Group gap={6} wrap="nowrap">
            <Avatar size="sm" color="blue" radius="xl" aria-hidden>
              {me.user.fullName.split(" ").at(-1)?.[0] ?? "?"}
            </Avatar>
            <Text size="sm" visibleFrom="sm" truncate maw={180}>
              {me.user.fullName}
            </Text>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t(`roles.${me.user.role}`)}</Menu.Label>
        <Menu.Item leftSection={<IconUserCircle size={16} />} component={Link} to="/staff/account">
          {t("nav.account")}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          onClick={() =>
            logout()
              .then(() => navigate("/login"))
              .catch(notifyError)
          }
        >
          {t("action.logout")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The sidebar: home, then each module's group with the links this user may open. */
function StaffNav({ me, onNavigate }: { me: Me; onNavigate: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  const groups = staffModules.map((m) => ({ ...m, links: m.links.filter((l) => linkVisible(l, me)) })).filter((m) => m.links.length > 0);
  const isActive = (path: string) => location.pathname === path || location.pathname.startsWith(`${path}/`);
  return (
    <ScrollArea>
      <NavLink
        component={Link}
        to="/staff"
        label={t("nav.home")}
        leftSection={<IconHome size={18} />}
        active={location.pathname === "/staff"}
        onClick={onNavigate}
      />
      {groups.map((g) => (
        <NavLink
          key={g.key}
          // A group opens and closes its links: a button, so Tab reaches it and Enter or Space toggles it
          // (Mantine's default, an <a> without href, is skipped by the keyboard).
          component="button"
          type="button"
          label={t(g.labelKey)}
          leftSection={<g.icon size={18} />}
          defaultOpened={g.links.some((l) => isActive(l.path))}
          childrenOffset={28}
        >
          {g.links.map((l) => (
            <NavLink key={l.path} component={Link} to={l.path} label={t(l.labelKey)} active={isActive(l.path)} onClick={onNavigate} />
          ))}
        </NavLink>
      ))}
    </ScrollArea>
  );
}
