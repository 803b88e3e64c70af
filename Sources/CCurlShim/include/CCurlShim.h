#ifndef ENGAGE_CCURL_SHIM_PUBLIC_H
#define ENGAGE_CCURL_SHIM_PUBLIC_H

#include <curl/curl.h>

/// Typed, non-variadic wrappers around curl_easy_setopt / curl_easy_getinfo,
/// which Swift cannot call directly because they are C variadic functions.

CURLcode engage_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode engage_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode engage_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode engage_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode engage_curl_setopt_write_function(CURL *handle, size_t (*callback)(char *, size_t, size_t, void *));
CURLcode engage_curl_setopt_header_function(CURL *handle, size_t (*callback)(char *, size_t, size_t, void *));
CURLcode engage_curl_setopt_read_function(CURL *handle, size_t (*callback)(char *, size_t, size_t, void *));
CURLcode engage_curl_setopt_xferinfo_function(CURL *handle, int (*callback)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t));

CURLcode engage_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode engage_curl_getinfo_double(CURL *handle, CURLINFO info, double *value);
CURLcode engage_curl_getinfo_string(CURL *handle, CURLINFO info, const char **value);

#endif
