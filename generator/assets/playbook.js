// The playbook's own script. Served from the site itself: no request leaves the site's host.
// (Placeholder filling for agents is added by the agent-tools work; copy buttons come from the theme.)
