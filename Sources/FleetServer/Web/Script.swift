/// The one script: on the contract form, shows the effective terms as overrides are typed.
/// Pages work without it; the form's "Preview" button does the same on the server.
enum Script {
    static let js = """
    document.addEventListener('DOMContentLoaded', function () {
      var form = document.querySelector('form[data-terms]');
      var data = document.getElementById('plan-terms');
      if (!form || !data) return;
      var info = JSON.parse(data.textContent);
      var persian = document.documentElement.lang === 'fa';
      function digits(text) {
        if (!persian) return text;
        return text.replace(/[0-9]/g, function (d) { return '۰۱۲۳۴۵۶۷۸۹'[d]; });
      }
      function group(text) {
        if (!/^-?[0-9]+$/.test(text)) return text;
        return text.replace(/\\B(?=(\\d{3})+(?!\\d))/g, persian ? '٬' : ',');
      }
      function update() {
        var plan = info.plans[form.elements.planCode.value];
        if (!plan) return;
        document.querySelectorAll('[data-effective]').forEach(function (cell) {
          var key = cell.getAttribute('data-effective');
          var field = form.elements['o_' + key];
          var typed = field && field.value.trim() !== '';
          var value = typed ? field.value.trim() : plan[key];
          var labels = info.labels[key];
          cell.textContent = labels && labels[value] ? labels[value] : digits(group(value));
          cell.classList.toggle('overridden', typed);
        });
      }
      form.addEventListener('input', update);
      form.addEventListener('change', update);
      update();
    });
    """
}
