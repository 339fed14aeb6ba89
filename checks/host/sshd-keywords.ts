/**
 * The keywords sshd accepts as global settings, from sshd_config(5) of OpenSSH 8.x–10.x plus
 * Debian's GSSAPI key-exchange patch (lower case: sshd reads keywords case-insensitively). A
 * host.sshd `settings` key outside it is a typo the probe would only report as "not set" on
 * every host; it is refused when the policy loads. `Match` and `Include` are blocks, not
 * settings, so they are refused too. sshd-keywords.test.ts checks the list against the
 * keywords the installed sshd's `sshd -T` prints.
 */
import { closest } from 'fastest-levenshtein';
import type { ParamProblem } from '../registry.ts';

export const SSHD_KEYWORDS: ReadonlySet<string> = new Set(
  `acceptenv addressfamily allowagentforwarding allowgroups allowstreamlocalforwarding
  allowtcpforwarding allowusers authenticationmethods authorizedkeyscommand
  authorizedkeyscommanduser authorizedkeysfile authorizedprincipalscommand
  authorizedprincipalscommanduser authorizedprincipalsfile banner casignaturealgorithms
  channeltimeout chrootdirectory ciphers clientalivecountmax clientaliveinterval compression
  debianbanner denygroups denyusers disableforwarding exposeauthinfo fingerprinthash
  forcecommand gatewayports gssapiauthentication gssapicleanupcredentials gssapikexalgorithms
  gssapikeyexchange gssapistorecredentialsonrekey gssapistrictacceptorcheck
  hostbasedacceptedalgorithms hostbasedauthentication hostbasedusesnamefrompacketonly
  hostcertificate hostkey hostkeyagent hostkeyalgorithms ignorerhosts ignoreuserknownhosts
  ipqos kbdinteractiveauthentication kerberosauthentication kerberosgetafstoken
  kerberosorlocalpasswd kerberosticketcleanup kexalgorithms listenaddress logingracetime
  loglevel logverbose macs maxauthtries maxsessions maxstartups modulifile
  passwordauthentication permitemptypasswords permitlisten permitopen permitrootlogin
  permittty permittunnel permituserenvironment permituserrc persourcemaxstartups
  persourcenetblocksize persourcepenalties persourcepenaltyexemptlist pidfile port
  printlastlog printmotd pubkeyacceptedalgorithms pubkeyauthentication pubkeyauthoptions
  rdomain refuseconnection rekeylimit requiredrsasize revokedkeys securitykeyprovider setenv
  sshdauthpath sshdsessionpath streamlocalbindmask streamlocalbindunlink strictmodes
  subsystem syslogfacility tcpkeepalive trustedusercakeys unusedconnectiontimeout usedns
  usepam versionaddendum x11displayoffset x11forwarding x11uselocalhost xauthlocation
  challengeresponseauthentication pubkeyacceptedkeytypes hostbasedacceptedkeytypes
  skeyauthentication`.split(/\s+/),
);

const BLOCKS = new Set(['match', 'include']);

/**
 * host.sshd: every `settings` key is an sshd keyword (any case).
 * @example sshdParamsProblems({ settings: { PermitRootLogn: 'no' } }) // [{ path: '/settings/PermitRootLogn', message: '… did you mean permitrootlogin?' }]
 */
export function sshdParamsProblems(p: { settings: Record<string, string> }): ParamProblem[] {
  const all = [...SSHD_KEYWORDS];
  return Object.keys(p.settings).flatMap((key) => {
    const lower = key.toLowerCase();
    if (SSHD_KEYWORDS.has(lower)) return [];
    const path = `/settings/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    const shown = JSON.stringify(key.slice(0, 80));
    if (BLOCKS.has(lower))
      return [{ path, message: `${shown} is an sshd_config block, not a setting sshd -T reports` }];
    return [
      {
        path,
        message: `${shown} is not an sshd_config(5) keyword (did you mean ${closest(lower, all)}?)`,
      },
    ];
  });
}
