"""`keywright bench`: our mock and reference server side by side with Prism and Connexion's mock,
same machine, same specs, same load, one run; figures quoted as ratios to Prism."""
